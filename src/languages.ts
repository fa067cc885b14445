/**
 * The four working languages and what the product knows about each.
 *
 * Languages are a closed union so that every `switch` over them is checked
 * for exhaustiveness by the compiler (see `assertNever`).
 */
export type Language = 'en' | 'ko' | 'uk' | 'ru';

export const LANGUAGES: ReadonlyArray<Language> = ['en', 'ko', 'uk', 'ru'];

/** Column headers show each language's own name. */
export const ENDONYMS: Readonly<Record<Language, string>> = {
  en: 'English',
  ko: '한국어',
  uk: 'Українська',
  ru: 'Русский',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as ReadonlyArray<string>).includes(value);
}

/**
 * Fails loudly when a value that the type system says cannot exist shows up.
 *
 * Close every `switch` over a union with it so that adding a member is a
 * compile error everywhere the new case is not handled.
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
