import type { Problem } from '../api/problems';
import { applyXliff, InterchangeFormatError, type XliffContent, type XliffImportReport } from '../interchange/xliff';
import type { Project } from '../model/project';
import { checkProjectLimits } from './projectLimits';
import { UsecaseError } from './usecaseError';

export interface XliffReport extends XliffImportReport {
  /** One line per changed segment. */
  readonly changes: ReadonlyArray<Problem>;
  /** Files and units the project does not have, and sources that differ. */
  readonly warnings: ReadonlyArray<Problem>;
  /** "3 segments changed, 6 unchanged". */
  readonly summary: Problem;
}

/** What an XLIFF import did, as problem-shaped lines the CLI and the UI word alike. */
export function describeXliffImport(report: XliffImportReport): Omit<XliffReport, keyof XliffImportReport> {
  const language = report.language;
  const changes: Problem[] = report.changed.map((change) => {
    const where = { document: change.documentId, segment: change.segmentId, language };
    const textChanged = change.textAfter !== change.textBefore;
    const statusChanged = change.statusAfter !== change.statusBefore;
    if (textChanged && statusChanged) {
      return { code: 'xliff-changed', params: { ...where, before: change.statusBefore, after: change.statusAfter } };
    }
    if (statusChanged) {
      return {
        code: 'xliff-status-changed',
        params: { ...where, before: change.statusBefore, after: change.statusAfter },
      };
    }
    return { code: 'xliff-text-changed', params: where };
  });
  const warnings: Problem[] = [
    ...report.unknownFiles.map((fileId): Problem => ({ code: 'xliff-unknown-file', params: { fileId } })),
    ...report.unknownUnits.map((unit): Problem => ({
      code: 'xliff-unknown-unit',
      params: { fileId: unit.fileId, unitId: unit.unitId },
    })),
    ...report.sourceMismatches.map((row): Problem => ({
      code: 'xliff-source-differs',
      params: { document: row.documentId, segment: row.segmentId },
    })),
  ];
  return {
    changes,
    warnings,
    summary: { code: 'xliff-summary', params: { count: report.changed.length, unchanged: report.unchanged } },
  };
}

/**
 * Takes a CAT tool's translations back from an XLIFF file already read (`readXliff`).
 *
 * Only target texts and statuses change, matched by document and segment id
 * (see `applyXliff`). Throws a `UsecaseError`: `bad-xliff` when the file's
 * languages do not fit the project, or a `limit-*` problem when the result
 * could not be opened again (a 100,000-character target, say).
 */
export function importXliff(
  project: Project,
  content: XliffContent,
): { readonly project: Project; readonly report: XliffReport } {
  let applied;
  try {
    applied = applyXliff(project, content);
  } catch (error) {
    if (error instanceof InterchangeFormatError) {
      throw new UsecaseError({ code: 'bad-xliff', params: { detail: error.message } });
    }
    throw error;
  }
  return {
    project: applied.project === project ? project : checkProjectLimits(applied.project),
    report: { ...applied.report, ...describeXliffImport(applied.report) },
  };
}
