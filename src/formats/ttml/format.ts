import { cueFormat, type FormatCode } from '../entry';
import { toTtml } from './ttml';

export const ttmlFormat: FormatCode = cueFormat('ttml', (cues, options) => toTtml(cues, options));
