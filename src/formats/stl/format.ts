import { cueFormat, type FormatCode } from '../entry';
import { toStl } from './stl';

export const stlFormat: FormatCode = cueFormat('stl', (cues, options) => toStl(cues, options));
