/**
 * Formats milliseconds as an SRT or WebVTT timestamp.
 *
 * Hours are not wrapped at 24: a cue at 25 h is written "25:00:00,000".
 * (The `subtitle` package formats through `Date` and wraps at 24 h.)
 */
export function formatTimestamp(milliseconds: number, separator: ',' | '.' = ','): string {
  const total = Math.max(0, Math.round(milliseconds));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}${separator}${String(millis).padStart(3, '0')}`;
}

/**
 * Reads a time typed by a translator: "00:01:02,500", "1:02.5", "62.5" or "62".
 *
 * Returns milliseconds, or undefined when the text is not a time.
 */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$/u.exec(trimmed);
  if (clock) {
    const [, hours = '0', minutes = '0', seconds = '0', fraction = '0'] = clock;
    if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
    return (
      Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1000 + Number(fraction.padEnd(3, '0'))
    );
  }
  if (/^\d+(?:[.,]\d+)?$/u.test(trimmed)) {
    return Math.round(Number(trimmed.replace(',', '.')) * 1000);
  }
  return undefined;
}
