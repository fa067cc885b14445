import { createInstance, type TFunction } from 'i18next';
import en from '../../locales/en/translation.json';
import { problemKey, type Problem } from '../../src/api/problems';
import type { QaFinding } from '../../src/qa/qa';
import { UsecaseError } from '../../src/usecases/usecaseError';
import type { MessageParams } from './usage';

let english: TFunction | undefined;

/**
 * The English interface strings, through i18next, for the CLI.
 *
 * The CLI words every message from the same locale file the interface
 * uses: problems and reports (`problem.<code>`), QA findings (`qa.<rule>`),
 * and its own usage text, usage errors and output lines (`cli.<code>`). A
 * message reads the same in both and is written once, in four languages.
 * This module is loaded only when something is printed, so `subrelay
 * --version` never loads i18next.
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

/** One of the CLI's own messages (`cli.<code>`) in English. */
export async function say(code: string, params: MessageParams = {}): Promise<string> {
  const t = await englishWords();
  return t(`cli.${code}`, { ...params });
}

/**
 * A QA finding's message in English, worded as the QA panel words it (`qaMessage` in the renderer).
 *
 * `qa.<rule>` with the finding's values, durations in seconds; an untimed
 * row is `qa.untimed`.
 */
export async function wordFinding(finding: QaFinding): Promise<string> {
  const t = await englishWords();
  const params: Record<string, string | number> = { ...finding.params };
  if (finding.rule === 'min-duration' && params['segment'] !== undefined) return t('qa.untimed', params);
  if (finding.rule === 'min-duration' || finding.rule === 'max-duration') {
    params['duration'] = (Number(params['duration']) / 1000).toFixed(3);
    params['limit'] = (Number(params['limit']) / 1000).toFixed(3);
  }
  return t(`qa.${finding.rule}`, params);
}

/** A use case's refusal about `file`, as the CLI reports it (`subrelay: <file>: <what is wrong>`). */
export function aboutFile(error: unknown, file: string): unknown {
  if (error instanceof UsecaseError && error.problem.file === undefined) {
    return new UsecaseError({ ...error.problem, file });
  }
  return error;
}
