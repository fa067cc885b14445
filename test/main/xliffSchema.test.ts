import { describe, expect, it } from 'vitest';
import { writeXliff, type XliffVersion } from '../../src/interchange/xliff';
import type { Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { loadSample } from './support';
import { validateWithSchema, xliffSchemaSetup, type XliffSchemas } from '../support/xliffSchemas';

const setup = await xliffSchemaSetup();
if (!setup.available) console.warn(`XLIFF schema tests skipped: ${setup.reason}`);
const withSchemas = setup.available ? it : it.skip;
const schemas: XliffSchemas = setup.available ? setup.schemas : { xliff12: '', xliff20: '' };

const sample = await loadSample();
const versions: ReadonlyArray<XliffVersion> = ['2.0', '1.2'];

function schemaFor(version: XliffVersion): string {
  return version === '2.0' ? schemas.xliff20 : schemas.xliff12;
}

/** Every (document, target language) the sample offers: its languages except the document's source. */
function exportsOf(project: Project): Array<{ documentId: string; target: Language }> {
  return project.documents.flatMap((document) =>
    project.languages
      .filter((language) => language !== document.sourceLanguage)
      .map((target) => ({ documentId: document.id, target })),
  );
}

function exported(project: Project, documentId: string, version: XliffVersion, target: Language): string {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`no document ${documentId}`);
  return writeXliff(project, document, { version, source: document.sourceLanguage, target });
}

describe('XLIFF exports validate against the OASIS schemas (xmllint)', () => {
  for (const version of versions) {
    for (const { documentId, target } of exportsOf(sample)) {
      withSchemas(`XLIFF ${version}: ${documentId} → ${target}`, () => {
        const result = validateWithSchema(exported(sample, documentId, version, target), schemaFor(version));
        expect(result.output).toContain('validates');
        expect(result.valid).toBe(true);
      });
    }
  }

  withSchemas('every status, notes with markup characters and multi-line texts validate in both versions', () => {
    const statuses = ['source', 'draft', 'translated', 'reviewed', 'approved'] as const;
    const [first] = sample.documents;
    if (first === undefined) throw new Error('empty sample');
    const segments = first.segments.map((segment, index) => ({
      ...segment,
      texts: { ...segment.texts, ko: index === 1 ? '' : `줄 <1> & "2"\n둘째 줄 ]]> ${segment.texts.ko}` },
      status: { ...segment.status, ko: statuses[index % statuses.length] ?? 'draft' },
      note: `Note & <b>${index}</b>\nsecond line`,
    }));
    const project: Project = { ...sample, documents: [{ ...first, segments }] };
    for (const version of versions) {
      const result = validateWithSchema(exported(project, first.id, version, 'ko'), schemaFor(version));
      expect(result.output).toContain('validates');
      expect(result.valid).toBe(true);
    }
  });
});

describe('the schema check really checks', () => {
  withSchemas('XLIFF 2.0: <segment state="bogus"> fails', () => {
    const xml = exported(sample, 'appeal', '2.0', 'ko');
    const broken = xml.replace('state="initial"', 'state="bogus"');
    expect(broken).not.toBe(xml);
    const result = validateWithSchema(broken, schemas.xliff20);
    expect(result.valid).toBe(false);
    expect(result.output).toMatch(/bogus/u);
  });

  withSchemas('XLIFF 1.2: <target state="bogus"> fails', () => {
    const xml = exported(sample, 'appeal', '1.2', 'ko');
    const broken = xml.replace('state="needs-review-translation"', 'state="bogus"');
    expect(broken).not.toBe(xml);
    const result = validateWithSchema(broken, schemas.xliff12);
    expect(result.valid).toBe(false);
    expect(result.output).toMatch(/bogus/u);
  });

  withSchemas('XLIFF 1.2: a <trans-unit> without id fails', () => {
    const xml = exported(sample, 'appeal', '1.2', 'ko');
    const result = validateWithSchema(xml.replace('<trans-unit id="q001"', '<trans-unit'), schemas.xliff12);
    expect(result.valid).toBe(false);
  });

  withSchemas('XLIFF 2.0: a <unit> without a <segment> fails', () => {
    const xml = exported(sample, 'appeal', '2.0', 'ko');
    const broken = xml.replace(/<segment\b[\s\S]*?<\/segment>/u, '');
    const result = validateWithSchema(broken, schemas.xliff20);
    expect(result.valid).toBe(false);
  });
});
