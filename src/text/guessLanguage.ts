import type { Language } from '../languages';

/**
 * Guesses which of the four languages a text is in, from its letters alone.
 *
 * Hangul means Korean. Cyrillic is Ukrainian when the letters only
 * Ukrainian has (і ї є ґ) outnumber the ones only Russian has (ы э ъ ё),
 * Russian otherwise. Latin means English. Good enough to spare the user a
 * `--from`/`--to` flag for these four languages; not a general detector.
 */
export function guessLanguage(text: string): Language | undefined {
  let hangul = 0;
  let cyrillic = 0;
  let latin = 0;
  let ukrainian = 0;
  let russian = 0;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const character of sample) {
    if (/[\u3131-\u318e\uac00-\ud7a3]/u.test(character)) hangul++;
    else if (/[\u0400-\u04ff]/u.test(character)) {
      cyrillic++;
      if (/[іїєґІЇЄҐ]/u.test(character)) ukrainian++;
      else if (/[ыэъёЫЭЪЁ]/u.test(character)) russian++;
    } else if (/[A-Za-z]/u.test(character)) latin++;
  }
  const best = Math.max(hangul, cyrillic, latin);
  if (best === 0) return undefined;
  if (best === hangul) return 'ko';
  if (best === cyrillic) return ukrainian > russian ? 'uk' : 'ru';
  return 'en';
}
