import { writeXliff } from '../../interchange/xliff';
import { exportFileName, warnUntranslated } from '../exportCues';
import type { FormatCode } from '../entry';
import type { ExportFile, WriteContext } from '../types';

/**
 * XLIFF 2.0 or 1.2, one file per target language.
 *
 * The reader and writer stay in `src/interchange/xliff.ts` for now, where
 * the XLIFF import (`applyXliff`) is imported from by the app and the CLI.
 */
function xliffFiles(version: '2.0' | '1.2'): FormatCode {
  return {
    write: ({ project, document, request, warnings }: WriteContext) => {
      const files: ExportFile[] = [];
      const source = request.sourceLanguage ?? 'en';
      if (!document.segments.some((s) => s.excluded !== true && s.texts[source].trim() !== '')) {
        warnings.push({ documentId: document.id, language: source, code: 'no-source-text' });
        return files;
      }
      for (const language of request.languages) {
        if (language === source) {
          warnings.push({ documentId: document.id, language, code: 'source-language' });
          continue;
        }
        warnUntranslated(document, language, warnings);
        files.push({
          name: exportFileName(document.id, `${source}-${language}`, version === '2.0' ? 'xlf' : 'xliff'),
          content: writeXliff(project, document, { version, source, target: language }),
        });
      }
      return files;
    },
  };
}

export const xliff2Format: FormatCode = xliffFiles('2.0');
export const xliff12Format: FormatCode = xliffFiles('1.2');
