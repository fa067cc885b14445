import { tmxUnitCount, writeTmx } from '../../interchange/tmx';
import { exportFileName } from '../exportCues';
import type { FormatCode } from '../entry';

/** TMX 1.4, one file per document with every chosen language (`src/interchange/tmx.ts` writes it). */
export const tmxFormat: FormatCode = {
  write: ({ project, document, request, warnings }) => {
    const languages = request.languages;
    if (tmxUnitCount(document, languages) === 0) {
      warnings.push({
        documentId: document.id,
        language: languages[0] ?? document.sourceLanguage,
        code: 'nothing-finished',
      });
      return [];
    }
    return [
      {
        name: exportFileName(document.id, languages.join('+'), 'tmx'),
        content: writeTmx(project, document, languages, { creationToolVersion: request.creatorVersion ?? '' }),
      },
    ];
  },
};
