import type { ReactNode } from 'react';

/** The end of a dialog's form: the problem, if any, as an alert; then Cancel and the submit button. */
export function FormFooter(props: {
  readonly problem: string | undefined;
  readonly cancelLabel: string;
  readonly submitLabel: string;
  readonly onCancel: () => void;
  /** Buttons before Cancel (e.g. "Netflix defaults"). */
  readonly before?: ReactNode;
}) {
  return (
    <>
      {props.problem !== undefined && (
        <p role="alert" className="error-text">
          {props.problem}
        </p>
      )}
      <div className="buttons">
        {props.before}
        <button type="button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="submit" className="primary">
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}
