import { creatorOf, exportFileName, warnUntranslated } from '../exportCues';
import type { FormatCode } from '../entry';
import type { ExportFile } from '../types';
import { toDocx } from './docx';

export const docxFormat: FormatCode = {
  write: async ({ document, request, warnings }) => {
    const files: ExportFile[] = [];
    for (const language of request.languages) {
      warnUntranslated(document, language, warnings);
      files.push({
        name: exportFileName(document.id, language, 'docx'),
        content: await toDocx(document, language, { creator: creatorOf(request) }),
      });
    }
    return files;
  },
};
