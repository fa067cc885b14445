import { randomBytes } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from './server';

/**
 * The page as served, with a fresh style nonce: the policy allows our own
 * style sheets plus `<style>` elements that carry this response's nonce
 * (the waveform draws in a shadow root with a `<style>` of its own, which
 * `style-src 'self'` alone blocks), never inline styles in general.
 *
 * The nonce goes into the page as `<meta property="csp-nonce" nonce="…">`
 * (Vite's convention), where the renderer reads it (`styleNonce`). One per
 * response, so a page cannot learn another's.
 */
export function securePage(html: string): { readonly html: string; readonly policy: string } {
  const nonce = randomBytes(18).toString('base64');
  const policy = CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
  const meta = `<meta property="csp-nonce" nonce="${nonce}" />`;
  const withMeta = /<head[^>]*>/iu.test(html)
    ? html.replace(/<head[^>]*>/iu, (head) => `${head}${meta}`)
    : `${meta}${html}`;
  return { html: withMeta, policy };
}
