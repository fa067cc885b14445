/**
 * Whether the caret of a text box is on its first and/or last visual line
 * (wrapped lines count), so that Up on the first line and Down on the last
 * can move to the cell above or below, as in a spreadsheet.
 *
 * Measured with a hidden copy of the box that wraps the same way, with empty
 * markers at the start, at the caret and at the end: the caret is on the
 * first line when its marker sits at the start's height, on the last when it
 * sits at the end's. A selection (rather than a caret) is on neither.
 */
export function caretLines(box: HTMLTextAreaElement): { readonly first: boolean; readonly last: boolean } {
  const { selectionStart, selectionEnd, value } = box;
  if (selectionStart !== selectionEnd) return { first: false, last: false };
  if (value === '') return { first: true, last: true };
  if (!value.includes('\n') && box.scrollHeight <= box.clientHeight && singleLine(box))
    return { first: true, last: true };
  const style = getComputedStyle(box);
  const mirror = document.createElement('div');
  for (const property of MIRRORED) mirror.style.setProperty(property, style.getPropertyValue(property));
  Object.assign(mirror.style, {
    position: 'absolute',
    visibility: 'hidden',
    top: '0',
    left: '-10000px',
    width: `${box.clientWidth}px`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    height: 'auto',
  });
  const marker = (): HTMLSpanElement => document.createElement('span');
  const start = marker();
  const caret = marker();
  const end = marker();
  mirror.append(start, value.slice(0, selectionStart), caret, value.slice(selectionStart), end);
  document.body.append(mirror);
  const first = Math.abs(caret.offsetTop - start.offsetTop) < 2;
  const last = Math.abs(caret.offsetTop - end.offsetTop) < 2;
  mirror.remove();
  return { first, last };
}

/** A box whose text fits on one line (its height is about one line's). */
function singleLine(box: HTMLTextAreaElement): boolean {
  const style = getComputedStyle(box);
  const line = Number.parseFloat(style.lineHeight);
  const padding = Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
  return Number.isFinite(line) && box.clientHeight - padding < line * 1.5;
}

const MIRRORED = [
  'box-sizing',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'line-height',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-left-width',
  'border-right-width',
  'word-break',
  'word-spacing',
  'text-transform',
  'tab-size',
];
