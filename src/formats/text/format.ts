import { exportFileName, warnUntranslated } from '../exportCues';
import type { FormatCode } from '../entry';
import { toPlainText } from './text';

export const txtFormat: FormatCode = {
  write: ({ document, request, warnings }) =>
    request.languages.map((language) => {
      warnUntranslated(document, language, warnings);
      return { name: exportFileName(document.id, language, 'txt'), content: toPlainText(document.segments, language) };
    }),
};
