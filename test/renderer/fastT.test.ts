import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json';
import ko from '../../locales/ko/translation.json';
import ru from '../../locales/ru/translation.json';
import uk from '../../locales/uk/translation.json';
import { createFastT } from '../../renderer/src/fastT';
import { LANGUAGES } from '../../src/languages';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/u;

/** Every message key of a locale, plural forms folded into their key. */
function keysOf(messages: object, prefix = ''): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(messages)) {
    if (typeof value === 'object' && value !== null) {
      for (const [key, names] of keysOf(value as object, `${prefix}${name}.`)) keys.set(key, names);
      continue;
    }
    const key = `${prefix}${name}`.replace(PLURAL_SUFFIX, '');
    const names = keys.get(key) ?? new Set<string>();
    for (const match of String(value).matchAll(/\{\{\s*-?\s*([^{},\s]+)/gu)) names.add(match[1] ?? '');
    keys.set(key, names);
  }
  return keys;
}

let i18n: I18n;
beforeAll(async () => {
  // The interface's own settings (renderer/src/i18n.ts), without the page.
  i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, ko: { translation: ko }, uk: { translation: uk }, ru: { translation: ru } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});

/** No count, and counts that take each plural form of the four languages (and 0, left to i18next). */
const COUNTS = [undefined, 1, 2, 5, 21, 22, 1.5, 0];

describe('the grid’s quick t', () => {
  const all = new Map<string, Set<string>>();
  for (const messages of [en, ko, uk, ru]) {
    for (const [key, names] of keysOf(messages)) all.set(key, new Set([...(all.get(key) ?? []), ...names]));
  }

  it('writes every message of every language as i18next does, plurals included', async () => {
    let compared = 0;
    for (const language of LANGUAGES) {
      await i18n.changeLanguage(language);
      const slow = i18n.getFixedT(language);
      const fast = createFastT(i18n, slow);
      for (const [key, names] of all) {
        for (const count of COUNTS) {
          const values: Record<string, unknown> = {};
          let index = 0;
          for (const name of names) values[name] = index++ % 2 === 0 ? `<${name} & “${language}”>` : 42.5 + index;
          if (count !== undefined) values['count'] = count;
          else delete values['count'];
          expect(fast(key, values), `${language} ${key} ${JSON.stringify(values)}`).toBe(slow(key, values));
          compared++;
        }
        expect(fast(key)).toBe(slow(key));
      }
    }
    expect(compared).toBe(LANGUAGES.length * all.size * COUNTS.length);
  });

  it('writes the usual messages itself, plural forms included', async () => {
    await i18n.changeLanguage('ru');
    const expected = i18n.getFixedT('ru')('grid.linesWithin', { count: 2, lengths: '30, 12', limit: 42 });
    const fast = createFastT(i18n, (() => {
      throw new Error('asked i18next');
    }) as never);
    expect(fast('grid.linesWithin', { count: 2, lengths: '30, 12', limit: 42 })).toBe(expected);
    expect(fast('grid.cellLabel', { language: 'English', number: 3 })).toContain('English');
  });

  it('leaves to i18next a missing value, an unknown key and options that change the lookup', async () => {
    await i18n.changeLanguage('uk');
    const slow = i18n.getFixedT('uk');
    const fast = createFastT(i18n, slow);
    expect(fast('grid.cellLabel', { language: 'English' })).toBe(slow('grid.cellLabel', { language: 'English' }));
    expect(fast('no.such.key')).toBe('no.such.key');
    expect(fast('grid.cellLabel', { language: 'English', number: 3, lng: 'en' })).toBe('English, segment 3');
    expect(fast('grid.cellLabel', { language: 'English', number: 3 })).not.toBe('English, segment 3');
  });
});
