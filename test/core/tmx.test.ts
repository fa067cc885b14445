import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { tmx2js } from 'tmexchange';
import { describe, expect, it } from 'vitest';
import { writeTmx } from '../../src/interchange/tmx';
import type { Language } from '../../src/languages';
import type { Project, Segment, SegmentStatus, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const OPTIONS = { creationToolVersion: '0.4.0-test' };

function documentOf(project: Project, id: string): SubrelayDocument {
  const document = project.documents.find((d) => d.id === id);
  if (document === undefined) throw new Error(`no document ${id}`);
  return document;
}

/**
 * The sample's appeal with some of its drafts signed off, since the sample itself has only drafts.
 *
 * Korean: every row translated, q002 approved; Ukrainian: q001 and q004
 * reviewed; Russian stays draft, so it never reaches the memory; q003's
 * Korean text is emptied, so q003 keeps only English and Ukrainian... which
 * is a draft, so q003 drops out (fewer than two languages).
 */
function signedOffAppeal(): SubrelayDocument {
  const appeal = documentOf(sample, 'appeal');
  return {
    ...appeal,
    segments: appeal.segments.map((segment) => ({
      ...segment,
      texts: { ...segment.texts, ko: segment.id === 'q003' ? '' : segment.texts.ko },
      status: {
        ...segment.status,
        ko: segment.id === 'q002' ? 'approved' : 'translated',
        uk: segment.id === 'q001' || segment.id === 'q004' ? 'reviewed' : segment.status.uk,
      },
    })),
  };
}

function oneRow(
  texts: Partial<Record<Language, string>>,
  status: Partial<Record<Language, SegmentStatus>>,
): SubrelayDocument {
  const segment: Segment = {
    id: 'a',
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft', ...status },
  };
  return { id: 'doc', kind: 'transcript', title: 'Doc', sourceLanguage: 'en', segments: [segment] };
}

describe('writeTmx', () => {
  it('writes the signed-off appeal exactly as the golden file (appeal.tmx)', () => {
    expectGolden('interchange/appeal.tmx', writeTmx(sample, signedOffAppeal(), ['en', 'ko', 'uk', 'ru'], OPTIONS));
  });

  it('declares XML, TMX version 1.4 and a deterministic Subrelay header', () => {
    const xml = writeTmx(sample, signedOffAppeal(), ['en', 'ko'], OPTIONS);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(xml).toContain('<tmx version="1.4">');
    expect(xml).toContain(
      '<header creationtool="Subrelay" creationtoolversion="0.4.0-test" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="Subrelay" srclang="en"/>',
    );
    expect(xml).not.toContain('prop');
    expect(xml.endsWith('</tmx>\n')).toBe(true);
    expect(writeTmx(sample, signedOffAppeal(), ['en', 'ko'], OPTIONS)).toBe(xml);
  });

  it('writes creationtoolversion "unknown" for an empty version, not tmexchange’s own', () => {
    const xml = writeTmx(sample, signedOffAppeal(), ['en', 'ko'], { creationToolVersion: '' });
    expect(xml).toContain('creationtoolversion="unknown"');
  });

  it('reads back with tmexchange: only finished texts, only rows with two languages or more', async () => {
    const document = signedOffAppeal();
    const read = await tmx2js(writeTmx(sample, document, ['en', 'ko', 'uk', 'ru'], OPTIONS));
    expect(read.version).toBe('1.4');
    expect(read.sourceLanguage).toBe('en');
    const expected = Object.fromEntries(
      document.segments
        .filter((segment) => segment.id !== 'q003')
        .map((segment) => [
          segment.id,
          {
            en: segment.texts.en,
            ko: segment.texts.ko,
            ...(segment.id === 'q001' || segment.id === 'q004' ? { uk: segment.texts.uk } : {}),
          },
        ]),
    );
    expect(read.resources).toEqual(expected);
  });

  it('leaves drafts out: the sample as it is gives an empty memory', async () => {
    const xml = writeTmx(sample, documentOf(sample, 'appeal'), ['en', 'ko', 'uk', 'ru'], OPTIONS);
    expect(xml).not.toContain('<tu');
    expect((await tmx2js(xml)).resources).toEqual({});
  });

  it('leaves out excluded rows and languages outside the project or not chosen', async () => {
    const article = documentOf(sample, 'article');
    const finished: SubrelayDocument = {
      ...article,
      segments: article.segments.map((s) => ({ ...s, status: { ...s.status, ko: 'reviewed', ru: 'translated' } })),
    };
    const project: Project = { ...sample, languages: ['en', 'ko', 'uk'] };
    const read = await tmx2js(writeTmx(project, finished, ['en', 'ko', 'ru'], OPTIONS));
    const ids = finished.segments.filter((s) => s.excluded !== true && s.texts.ko !== '').map((s) => s.id);
    expect(Object.keys(read.resources)).toEqual(ids);
    for (const variants of Object.values(read.resources)) expect(Object.keys(variants)).toEqual(['en', 'ko']);
  });

  it('names the source "*all*" when the source language is not among the chosen languages', async () => {
    const xml = writeTmx(
      sample,
      oneRow({ en: 'One', ko: '하나', uk: 'Один' }, { ko: 'translated', uk: 'approved' }),
      ['ko', 'uk'],
      OPTIONS,
    );
    expect(xml).toContain('srclang="*all*"');
    expect(xml).toContain('adminlang="en"');
    expect((await tmx2js(xml)).resources).toEqual({ a: { ko: '하나', uk: 'Один' } });
  });

  it('escapes markup characters and keeps spaces and line breaks', async () => {
    const text = ` Tom & Jerry <b>"x"</b> &amp; ]]>\nsecond line `;
    const xml = writeTmx(sample, oneRow({ en: text, ko: '하나' }, { ko: 'translated' }), ['en', 'ko'], OPTIONS);
    expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;');
    expect(xml).toContain('&amp;amp; ]]&gt;');
    expect((await tmx2js(xml)).resources).toEqual({ a: { en: text, ko: '하나' } });
  });

  it('reads back any Unicode text it wrote (property)', async () => {
    const piece = fc.oneof(
      fc.constantFrom('&', '<', '>', ']]>', '"', "'", '&amp;', '\n', ' ', '가', 'ї'),
      fc.string({ unit: 'grapheme' }),
    );
    const text = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''))
      // eslint-disable-next-line no-control-regex -- characters XML cannot hold are dropped by the writer
      .map((value) => value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r\f]/gu, ''))
      .filter((value) => value.trim() !== '');
    await fc.assert(
      fc.asyncProperty(text, text, async (en, ko) => {
        const xml = writeTmx(sample, oneRow({ en, ko }, { ko: 'reviewed' }), ['en', 'ko'], OPTIONS);
        expect((await tmx2js(xml)).resources).toEqual({ a: { en, ko } });
      }),
      { numRuns: 200 },
    );
  });
});
