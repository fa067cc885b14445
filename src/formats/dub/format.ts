import { dubbingOf } from '../../dub/speakingTime';
import { exportFileName, measuredFor } from '../exportCues';
import type { FormatCode } from '../entry';
import type { ExportFile, WriteContext } from '../types';
import { dubRows, toDubCsv, toDubHtml } from './dub';

function dubFiles(kind: 'csv' | 'html'): FormatCode {
  return {
    write: ({ project, document, request, warnings }: WriteContext) => {
      const files: ExportFile[] = [];
      for (const language of request.languages) {
        for (const segment of document.segments) {
          if (segment.excluded === true) continue;
          if (segment.texts[language].trim() === '') {
            warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
          } else if (segment.start === undefined || segment.end === undefined) {
            warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untimed' });
          }
        }
        const measured = { settings: dubbingOf(project), measuredMs: measuredFor(request, document.id, language) };
        // Worked out once: the warnings and the file read the same rows.
        const rows = dubRows(project, document, language, measured);
        const dubOptions = { ...measured, rows };
        for (const row of rows) {
          if (!row.fits)
            warnings.push({ documentId: document.id, language, segmentId: row.segmentId, code: 'does-not-fit' });
        }
        files.push({
          name: exportFileName(document.id, language, kind === 'csv' ? 'dub.csv' : 'dub.html'),
          content:
            kind === 'csv'
              ? toDubCsv(project, document, language, dubOptions)
              : toDubHtml(project, document, language, dubOptions),
        });
      }
      return files;
    },
  };
}

export const dubCsvFormat: FormatCode = dubFiles('csv');
export const dubHtmlFormat: FormatCode = dubFiles('html');
