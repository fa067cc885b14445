import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A modal `<dialog>`: focus stays inside, Escape closes it, its title names it. */
export function Modal(props: { readonly title: string; onClose(): void; readonly children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
      // showModal focuses the first control, which may be a destructive one: the dialog names its safe choice.
      element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      className="modal"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
