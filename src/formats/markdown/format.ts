import { exportFileName, warnUntranslated } from '../exportCues';
import type { FormatCode } from '../entry';
import { toMarkdown } from './markdown';

export const mdFormat: FormatCode = {
  write: ({ document, request, warnings }) =>
    request.languages.map((language) => {
      warnUntranslated(document, language, warnings);
      return { name: exportFileName(document.id, language, 'md'), content: toMarkdown(document, language) };
    }),
};
