import { rulesOf } from '../../qa/projectQa';
import { cueFormat, type FormatCode } from '../entry';
import { exportFileName, transcriptCues } from '../exportCues';
import type { ExportFile } from '../types';
import { toSrt } from './write';

export const srtFormat: FormatCode = cueFormat('srt', (cues, options) => toSrt(cues, options));

/** Bilingual SRT for review: the second language under each cue, `<document>.<lang>+<second>.srt`. */
export const srtBilingualFormat: FormatCode = {
  write: ({ project, document, request, warnings }) => {
    const rules = rulesOf(project);
    const files: ExportFile[] = [];
    for (const language of request.languages) {
      const second = request.secondLanguage ?? (language === 'en' ? 'ko' : 'en');
      if (second === language) continue;
      const cues = transcriptCues(document, language, warnings, rules, second);
      files.push({
        name: exportFileName(document.id, `${language}+${second}`, 'srt'),
        content: toSrt(cues, { lineEnding: request.lineEnding, bom: request.bom }),
      });
    }
    return files;
  },
};
