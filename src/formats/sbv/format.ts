import { cueFormat, type FormatCode } from '../entry';
import { toSbv } from './sbv';

export const sbvFormat: FormatCode = cueFormat('sbv', (cues, options) => toSbv(cues, options));
