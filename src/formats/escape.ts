/**
 * One CSV field, quoted as RFC 4180 says, safe to open in a spreadsheet.
 *
 * A field starting with `=`, `+`, `-`, `@`, `;`, a tab or a carriage return
 * gets a leading `'` (OWASP's advice against CSV formula injection), so a
 * line of dialogue can never run as a formula; dialogue dashes get it too.
 * `;` is there because spreadsheets in locales that separate arguments with
 * it read a cell such as `;=cmd|…` as a formula too.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@;\t\r]/u.test(value) ? `'${value}` : value;
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

/**
 * The `<meta>` that forbids scripts, frames and every fetch in a page Subrelay writes.
 *
 * Exported pages are opened from disk in any browser; whatever a translator
 * or an imported file put in a cell is escaped, and this makes sure that even
 * a mistake in escaping cannot run a script or load anything. Inline styles
 * stay allowed: the pages carry their own `<style>`.
 */
export const HTML_CONTENT_SECURITY_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
