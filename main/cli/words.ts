import { createInstance, type TFunction } from 'i18next';
import en from '../../locales/en/translation.json';
import { problemKey, type Problem } from '../../src/api/problems';
import { UsecaseError } from '../../src/usecases/usecaseError';

let english: TFunction | undefined;

/**
 * The English interface strings, through i18next, for the CLI.
 *
 * The CLI words problems and reports from the same locale file the
 * interface uses, so a message reads the same in both and is written once.
 */
export async function englishWords(): Promise<TFunction> {
  if (english !== undefined) return english;
  const instance = createInstance();
  english = await instance.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return english;
}

/** One problem, warning or report line in English. */
export async function word(problem: Problem): Promise<string> {
  const t = await englishWords();
  return t(problemKey(problem), { ...problem.params });
}

/** A use case's refusal about `file`, as the CLI reports it (`subrelay: <file>: <what is wrong>`). */
export function aboutFile(error: unknown, file: string): unknown {
  if (error instanceof UsecaseError && error.problem.file === undefined) {
    return new UsecaseError({ ...error.problem, file });
  }
  return error;
}
