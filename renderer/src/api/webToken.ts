/** Where this tab keeps the web mode's token after taking it out of the address bar. */
export const TOKEN_KEY = 'subrelay.token';

/** The parts of `window` the token hand-over touches (a plain object in tests). */
export interface TokenWindow {
  readonly location: { readonly href: string };
  readonly history: { readonly state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  readonly sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The web mode's token, moved from the page's address into this tab's session storage.
 *
 * The server prints `http://127.0.0.1:PORT/?token=…` for the user to open;
 * the token is taken from there once, kept in session storage (gone with
 * the tab) and removed from the address with `history.replaceState`, so it
 * stays out of the address bar, the history and any bookmark. A reload
 * finds it in session storage.
 */
export function takeWebToken(page: TokenWindow): string {
  const url = new URL(page.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl === null) return page.sessionStorage.getItem(TOKEN_KEY) ?? '';
  url.searchParams.delete('token');
  page.history.replaceState(page.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  if (fromUrl === '') return page.sessionStorage.getItem(TOKEN_KEY) ?? '';
  page.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl;
}
