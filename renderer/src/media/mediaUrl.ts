import { TOKEN_KEY } from '../api/webToken';

/**
 * The address the page plays a transcript's media from.
 *
 * Web mode: the server's `/media` route (range requests, the same token and
 * Host checks as the API; the token goes in the query because a `<video>`
 * cannot send headers). `projectPath` is the project file the stored
 * `media` path is relative to (null while untitled).
 */
export function webMediaUrl(projectPath: string | null, media: string, token: string): string {
  const query = new URLSearchParams();
  if (projectPath !== null) query.set('project', projectPath);
  query.set('media', media);
  query.set('token', token);
  return `./media?${query.toString()}`;
}

/** This tab's web-mode token (taken from the address at start, see `takeWebToken`). */
export function webToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
