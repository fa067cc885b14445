import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG } from '../../src/formats/catalog';
import { FORMATS, formatEntry } from '../../src/formats/registry';
import { EXPORT_FORMAT_NAMES } from '../../src/model/project';

describe('the format registry', () => {
  it('has one entry for every export format the project file can remember, in the same order', () => {
    expect(['auto', ...FORMATS.map((format) => format.id)]).toEqual([...EXPORT_FORMAT_NAMES]);
    expect(FORMAT_CATALOG.map((format) => format.id)).toEqual(FORMATS.map((format) => format.id));
  });

  it('gives every format a writer, and every convertible format a cue writer', () => {
    for (const format of FORMATS) {
      expect(typeof format.write, format.id).toBe('function');
      expect(format.extensions.length, format.id).toBeGreaterThan(0);
    }
    const convertible = FORMATS.filter((format) => format.convertible);
    expect(convertible.map((format) => format.id)).toEqual(expect.arrayContaining(['srt', 'vtt']));
    for (const format of convertible) expect(typeof format.writeCues, format.id).toBe('function');
  });

  it('refuses an id it does not know', () => {
    expect(() => formatEntry('nope' as never)).toThrow('No format "nope"');
  });
});
