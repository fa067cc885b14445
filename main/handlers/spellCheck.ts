import { LANGUAGES, type Language } from '../../src/languages';

/** Chromium's dictionary names for each language, most wanted first (Chromium ships none for Korean). */
const DICTIONARIES: Readonly<Record<Language, ReadonlyArray<string>>> = {
  en: ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en'],
  ko: ['ko', 'ko-KR'],
  uk: ['uk', 'uk-UA'],
  ru: ['ru', 'ru-RU'],
};

/**
 * The spell checker's languages while the caret is in `language`'s column.
 *
 * Only that language's dictionary, so a Russian word in the Russian column
 * is not offered an English correction; an empty list where Chromium has no
 * dictionary for it (Korean: the checker is then turned off, since an empty
 * list would fall back to English). Outside the grid (`null`), every
 * language that has a dictionary, as at start-up.
 */
export function spellCheckerLanguagesFor(language: Language | null, available: ReadonlyArray<string>): string[] {
  const have = new Set(available);
  const pick = (wanted: Language): string[] => {
    const found = DICTIONARIES[wanted].find((name) => have.has(name));
    return found === undefined ? [] : [found];
  };
  return language === null ? LANGUAGES.flatMap(pick) : pick(language);
}
