import type { Language } from '../languages';
import type { Project } from '../model/project';
import { DEFAULT_RULES, type SubtitleRules } from '../subtitles/rules';
import { checkTranscript, type QaFinding } from './qa';

/** The subtitle limits a project uses: its own, or the Netflix defaults. */
export function rulesOf(project: Project): SubtitleRules {
  return project.settings.rules ?? DEFAULT_RULES;
}

export interface DocumentFindings {
  readonly documentId: string;
  readonly findings: ReadonlyArray<QaFinding>;
}

/** Checks every transcript of a project in the given languages against the project's rules. */
export function checkProject(
  project: Project,
  languages: ReadonlyArray<Language> = project.languages,
): DocumentFindings[] {
  const rules = rulesOf(project);
  return project.documents
    .filter((document) => document.kind === 'transcript')
    .map((document) => ({
      documentId: document.id,
      findings: checkTranscript(document, languages, rules, project.frameRate),
    }));
}
