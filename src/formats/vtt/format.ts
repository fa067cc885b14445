import { cueFormat, type FormatCode } from '../entry';
import { toVtt } from './write';

export const vttFormat: FormatCode = cueFormat('vtt', (cues, options) => toVtt(cues, options));
