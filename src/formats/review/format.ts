import { exportFileName } from '../exportCues';
import type { FormatCode } from '../entry';
import type { WriteContext } from '../types';
import { toReviewCsv, toReviewHtml } from './review';

function reviewFile(kind: 'csv' | 'html'): FormatCode {
  return {
    write: ({ project, document, request }: WriteContext) => {
      const reviewOptions = {
        languages: request.languages,
        onlyFindings: request.reviewOnlyFindings === true,
        ...(request.reviewStatuses !== undefined && request.reviewStatuses.length > 0
          ? { statuses: [...request.reviewStatuses] }
          : {}),
      };
      // The languages of a multilingual file, in the project's order, in its name.
      const together = request.languages.join('+');
      return [
        {
          name: exportFileName(document.id, together, kind === 'html' ? 'review.html' : 'review.csv'),
          content:
            kind === 'html'
              ? toReviewHtml(project, document, reviewOptions)
              : toReviewCsv(project, document, reviewOptions),
        },
      ];
    },
  };
}

export const reviewHtmlFormat: FormatCode = reviewFile('html');
export const reviewCsvFormat: FormatCode = reviewFile('csv');
