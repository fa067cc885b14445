import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../../src/formats/docx/docx';
import type { Language } from '../../src/languages';
import type { SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';
import { articleOf, segment } from '../support/segments';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const article = sample.documents.find((d) => d.id === 'article')!;
const appeal = sample.documents.find((d) => d.id === 'appeal')!;

/**
 * Reads one file out of a zip archive through its central directory.
 *
 * docx 9 packs with fflate, not jszip, so there is no zip reader among our
 * dependencies; a DOCX uses only "stored" and "deflate" entries.
 */
function readZipEntry(zip: Uint8Array, name: string): string {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = view.length - 22;
  while (end >= 0 && view.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Not a zip archive');
  const count = view.readUInt16LE(end + 10);
  let entry = view.readUInt32LE(end + 16);
  for (let index = 0; index < count; index += 1) {
    if (view.readUInt32LE(entry) !== 0x02014b50) throw new Error('Broken central directory');
    const method = view.readUInt16LE(entry + 10);
    const compressedSize = view.readUInt32LE(entry + 20);
    const nameLength = view.readUInt16LE(entry + 28);
    const extraLength = view.readUInt16LE(entry + 30);
    const commentLength = view.readUInt16LE(entry + 32);
    const local = view.readUInt32LE(entry + 42);
    const entryName = view.toString('utf8', entry + 46, entry + 46 + nameLength);
    if (entryName === name) {
      const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
      const data = view.subarray(start, start + compressedSize);
      if (method === 0) return data.toString('utf8');
      if (method === 8) return inflateRawSync(data).toString('utf8');
      throw new Error(`Unsupported zip method ${method}`);
    }
    entry += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the archive`);
}

async function documentXml(document: SubrelayDocument, language: Language): Promise<string> {
  return readZipEntry(await toDocx(document, language), 'word/document.xml');
}

/** Whether every character is one XML 1.0 allows: Word will not open a file with any other. */
function onlyXmlCharacters(xml: string): boolean {
  return Array.from(xml).every((character) => {
    const code = character.codePointAt(0) ?? 0;
    return (
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000
    );
  });
}

function unescapeXml(text: string): string {
  const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return text.replace(/&(lt|gt|quot|apos|amp);/gu, (_, name: string) => entities[name] ?? '');
}

/** The paragraphs of word/document.xml: their style and their text. */
function paragraphs(xml: string): { style: string | undefined; text: string }[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p\/>/gsu)].map((match) => {
    const body = match[1] ?? '';
    return {
      style: /<w:pStyle w:val="([^"]*)"\/>/u.exec(body)?.[1],
      text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => unescapeXml(t[1] ?? '')).join(''),
    };
  });
}

/** The paragraph numbers that have text in a language: one DOCX paragraph each. */
function distinctParagraphs(document: SubrelayDocument, language: Language): number {
  return new Set(
    document.segments.filter((s) => s.excluded !== true && s.texts[language].trim() !== '').map((s) => s.paragraph),
  ).size;
}

describe('toDocx', () => {
  it('writes a zip whose word/document.xml matches the golden file for the Korean article', async () => {
    const bytes = await toDocx(article, 'ko');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const xml = readZipEntry(bytes, 'word/document.xml');
    expect(onlyXmlCharacters(xml)).toBe(true);
    expectGolden('documents/article.ko.document.xml', xml);
  });

  it('puts the Korean headline in a Title paragraph and every paragraph after it', async () => {
    const xml = await documentXml(article, 'ko');
    const found = paragraphs(xml);
    const headline = article.segments.find((s) => s.role === 'headline')!;
    expect(found[0]).toEqual({ style: 'Title', text: headline.texts.ko });
    expect(found.slice(1).every((p) => p.style === undefined && p.text !== '')).toBe(true);
    expect(found).toHaveLength(distinctParagraphs(article, 'ko'));
  });

  it('marks Korean runs as Korean for spell checking and gives them a Hangul font', async () => {
    const xml = await documentXml(article, 'ko');
    const runCount = (xml.match(/<w:r>/gu) ?? []).length;
    expect(runCount).toBeGreaterThan(0);
    expect((xml.match(/<w:lang w:val="en-US" w:eastAsia="ko-KR"\/>/gu) ?? []).length).toBe(runCount);
    expect(xml).toContain('w:eastAsia="Malgun Gothic"');
    const styles = readZipEntry(await toDocx(article, 'ko'), 'word/styles.xml');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*w:eastAsia="ko-KR".*<\/w:rPr><\/w:rPrDefault>/u);
  });

  it('marks English, Ukrainian and Russian runs with their own language', async () => {
    const expected = { en: 'en-US', uk: 'uk-UA', ru: 'ru-RU' } as const;
    for (const [language, tag] of Object.entries(expected) as [Language, string][]) {
      const xml = await documentXml(article, language);
      expect(xml).toContain(`<w:lang w:val="${tag}"/>`);
      expect(xml).not.toContain('ko-KR');
      expect(paragraphs(xml)).toHaveLength(distinctParagraphs(article, language));
    }
  });

  it('leaves the page furniture out of the English document', async () => {
    const xml = await documentXml(article, 'en');
    expect(article.segments.some((s) => s.excluded === true && s.texts.en === 'JOIN US ON TELEGRAM')).toBe(true);
    expect(xml).not.toContain('JOIN US ON TELEGRAM');
    expect(xml).not.toContain('Ctrl + Enter');
    expect(paragraphs(xml)[0]?.style).toBe('Title');
  });

  it('sets the title and author in the core properties', async () => {
    const core = readZipEntry(await toDocx(article, 'en', { creator: 'Kyiv Post desk' }), 'docProps/core.xml');
    expect(core).toContain('<dc:title>Article</dc:title>');
    expect(core).toContain('<dc:creator>Kyiv Post desk</dc:creator>');
    const defaults = readZipEntry(await toDocx(article, 'en'), 'docProps/core.xml');
    expect(defaults).toContain('<dc:creator>Subrelay</dc:creator>');
  });

  it('turns typed line breaks into breaks, escapes markup and drops characters XML cannot hold', async () => {
    const xml = await documentXml(
      articleOf(
        segment('h', 0, 'One', { role: 'headline' }),
        segment('a', 1, 'Line <one> & "two"\nline\u0001 three'),
        segment('b', 1, 'Same paragraph.'),
        segment('h2', 2, 'Two', { role: 'headline' }),
        segment('c', 3, '', { texts: { en: '', ko: '', uk: '', ru: '' } }),
        segment('d', 4, 'Gone', { excluded: true }),
      ),
      'en',
    );
    expect(onlyXmlCharacters(xml)).toBe(true);
    expect(xml).toContain('Line &lt;one&gt; &amp; &quot;two&quot;</w:t>');
    expect(paragraphs(xml)[1]?.text).toBe('Line <one> & "two"line three Same paragraph.');
    expect(xml).toContain('<w:br/><w:t xml:space="preserve">line three Same paragraph.</w:t>');
    expect(paragraphs(xml).map((p) => p.style)).toEqual(['Title', undefined, 'Heading1']);
  });

  it('writes a transcript with one paragraph per cue', async () => {
    const found = paragraphs(await documentXml(appeal, 'ru'));
    expect(found.map((p) => p.text)).toEqual(appeal.segments.map((s) => s.texts.ru));
  });
});
