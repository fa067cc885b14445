import { cueFormat, type FormatCode } from '../entry';
import { toAss } from './ass';

export const assFormat: FormatCode = cueFormat('ass', (cues, options) => toAss(cues, options));
