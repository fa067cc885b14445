import type { SubrelayApi } from '../../../src/api/contract';
import { isLanguage, type Language } from '../../../src/languages';

/**
 * Tells main which language column the caret is in, once per change.
 *
 * The desktop's spell checker then checks that language only (Ukrainian in
 * the Ukrainian column, nothing in the Korean one, where no dictionary
 * ships); `null` (outside the grid) gives it back every language.
 */
export function createFocusedLanguageNotifier(
  api: Pick<SubrelayApi, 'setFocusedLanguage'>,
): (language: Language | null) => void {
  let last: Language | null | undefined;
  return (language) => {
    if (language === last) return;
    last = language;
    api.setFocusedLanguage({ language }).catch(() => undefined);
  };
}

/** The language a focused text field is written in, by its own `lang` (the grid's cells carry one); null if none of ours. */
export function languageOfElement(element: unknown): Language | null {
  if (typeof element !== 'object' || element === null || !('getAttribute' in element)) return null;
  const getAttribute = element.getAttribute;
  if (typeof getAttribute !== 'function') return null;
  const lang: unknown = getAttribute.call(element, 'lang');
  return isLanguage(lang) ? lang : null;
}

/**
 * Follows focus in the page and tells `notify` the language of each focused field.
 *
 * One listener on the document, so the grid (however it renders its rows)
 * only has to put `lang` on its cells. Returns a function that stops it.
 */
export function watchFocusedLanguage(root: EventTarget, notify: (language: Language | null) => void): () => void {
  const listener = (event: Event): void => notify(languageOfElement(event.target));
  root.addEventListener('focusin', listener);
  return () => root.removeEventListener('focusin', listener);
}
