import { describe, expect, it } from 'vitest';
import {
  createFocusedLanguageNotifier,
  languageOfElement,
  watchFocusedLanguage,
} from '../../renderer/src/api/focusedLanguage';
import type { Language } from '../../src/languages';

/** A focusable element as far as the watcher looks at it: its attributes. */
function field(attributes: Readonly<Record<string, string>>): { getAttribute(name: string): string | null } {
  return { getAttribute: (name) => attributes[name] ?? null };
}

/** A focusin event from `target`, as the DOM dispatches it to the document. */
function focusIn(root: EventTarget, target: unknown): void {
  const event = new Event('focusin');
  Object.defineProperty(event, 'target', { value: target });
  root.dispatchEvent(event);
}

describe('the focused language, for the desktop spell checker', () => {
  it('is the language of the focused field’s own lang, or null for fields of no language of ours', () => {
    expect(languageOfElement(field({ lang: 'uk', 'data-cell': 's1:uk' }))).toBe('uk');
    expect(languageOfElement(field({ lang: 'de' }))).toBeNull();
    expect(languageOfElement(field({}))).toBeNull();
    expect(languageOfElement(null)).toBeNull();
    expect(languageOfElement({})).toBeNull();
  });

  it('tells main once per change, as focus moves between cells and out of the grid', async () => {
    const sent: Array<Language | null> = [];
    const notify = createFocusedLanguageNotifier({
      setFocusedLanguage: async ({ language }) => {
        sent.push(language);
        return {};
      },
    });
    const root = new EventTarget();
    const stop = watchFocusedLanguage(root, notify);
    focusIn(root, field({ lang: 'ko' }));
    focusIn(root, field({ lang: 'ko' }));
    focusIn(root, field({ lang: 'ru' }));
    focusIn(root, field({ 'aria-label': 'Note' }));
    focusIn(root, field({ lang: 'ru' }));
    stop();
    focusIn(root, field({ lang: 'en' }));
    expect(sent).toEqual(['ko', 'ru', null, 'ru']);
  });

  it('a failed call is not an error in the page', async () => {
    const notify = createFocusedLanguageNotifier({ setFocusedLanguage: () => Promise.reject(new Error('gone')) });
    expect(() => notify('uk')).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
