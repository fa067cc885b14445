/**
 * One CSV field, quoted as RFC 4180 says, safe to open in a spreadsheet.
 *
 * A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'` (OWASP's advice against CSV formula injection), so a line of
 * dialogue can never run as a formula; dialogue dashes get it too.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
