const SESSION_KEY = 'subrelay.session';

/**
 * This window's session id, kept across reloads of the same tab or window.
 *
 * Journals are named after it, so a reload (or a crashed page that Electron
 * reloads) finds its own unsaved work again.
 */
export function sessionId(): string {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (stored !== null && /^[0-9a-f-]{36}$/u.test(stored)) return stored;
  const created = crypto.randomUUID();
  sessionStorage.setItem(SESSION_KEY, created);
  return created;
}
