import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentBlocks, toMarkdown } from '../../src/formats/markdown/markdown';
import type { SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';
import { articleOf, segment } from '../support/segments';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const article = sample.documents.find((d) => d.id === 'article')!;
const appeal = sample.documents.find((d) => d.id === 'appeal')!;

/** The paragraph numbers that have text in a language: one Markdown block each. */
function distinctParagraphs(document: SubrelayDocument, language: 'en' | 'ko'): number {
  return new Set(
    document.segments.filter((s) => s.excluded !== true && s.texts[language].trim() !== '').map((s) => s.paragraph),
  ).size;
}

describe('toMarkdown', () => {
  it('writes the Korean article as in the golden file', () => {
    expectGolden('documents/article.ko.md', toMarkdown(article, 'ko'));
  });

  it('starts with the headline as the one `#` heading and keeps every paragraph', () => {
    const headline = article.segments.find((s) => s.role === 'headline')!;
    for (const language of ['en', 'ko'] as const) {
      const markdown = toMarkdown(article, language);
      const lines = markdown.split('\n');
      expect(lines[0]).toBe(`# ${headline.texts[language]}`);
      expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(1);
      expect(markdown.endsWith('\n')).toBe(true);
      expect(markdown.endsWith('\n\n')).toBe(false);
      const blocks = markdown.trimEnd().split('\n\n');
      expect(blocks).toHaveLength(distinctParagraphs(article, language));
      expect(blocks.every((block) => !block.includes('\n'))).toBe(true);
    }
  });

  it('leaves out page furniture', () => {
    const markdown = toMarkdown(article, 'en');
    expect(markdown).not.toContain('JOIN US ON TELEGRAM');
    expect(markdown).not.toContain('Kyivpost_official');
    expect(markdown).not.toContain('Ctrl + Enter');
  });

  it('joins the sentences of a paragraph with a space', () => {
    const markdown = toMarkdown(
      articleOf(segment('a', 0, 'One.'), segment('b', 0, 'Two.'), segment('c', 1, 'Three.')),
      'en',
    );
    expect(markdown).toBe('One. Two.\n\nThree.\n');
  });

  it('keeps Korean, Cyrillic and typographic quotes as they are', () => {
    const text = '“형제 여러분” «Брати мої» ‘quoted’ — …';
    expect(toMarkdown(articleOf(segment('a', 0, text)), 'en')).toBe(`${text}\n`);
  });

  it('escapes line starts that would become a list, heading, quote or rule', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['1. First', '1\\. First'],
      ['1999. That year', '1999\\. That year'],
      ['2) Second', '2\\) Second'],
      ['# Not a heading', '\\# Not a heading'],
      ['#hashtag', '\\#hashtag'],
      ['- Not a list', '\\- Not a list'],
      ['+ Not a list', '\\+ Not a list'],
      ['> Not a quote', '\\> Not a quote'],
      ['---', '\\---'],
      ['===', '\\==='],
      ['-5 °C at night', '-5 °C at night'],
      ['+3 points', '+3 points'],
      ['12,000 soldiers', '12,000 soldiers'],
    ];
    for (const [text, expected] of cases) {
      expect(toMarkdown(articleOf(segment('a', 0, text)), 'en')).toBe(`${expected}\n`);
    }
  });

  it('escapes emphasis, code, links, HTML, entities and GFM strikethrough inside text', () => {
    const markdown = toMarkdown(
      articleOf(segment('a', 0, 'A *b* _c_ `d` [e](f) <b>g</b> h\\i &amp; 3~4명 a > b 50% AT&T')),
      'en',
    );
    expect(markdown).toBe('A \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<b>g\\</b> h\\\\i \\&amp; 3\\~4명 a > b 50% AT&T\n');
  });

  it('makes later headlines `##` and keeps a headline from closing itself with #', () => {
    const markdown = toMarkdown(
      articleOf(
        segment('h1', 0, 'Title #', { role: 'headline' }),
        segment('p', 1, 'Body.'),
        segment('h2', 2, '#', { role: 'headline' }),
        segment('p2', 3, 'More.'),
      ),
      'en',
    );
    expect(markdown).toBe('# Title \\#\n\nBody.\n\n## \\#\n\nMore.\n');
  });

  it('keeps a headline apart from body text of the same paragraph', () => {
    const markdown = toMarkdown(
      articleOf(segment('h', 0, 'Headline', { role: 'headline' }), segment('b', 0, 'Body.')),
      'en',
    );
    expect(markdown).toBe('# Headline\n\nBody.\n');
  });

  it('turns a typed line break into a hard break and escapes the new line’s start', () => {
    const markdown = toMarkdown(
      articleOf(segment('a', 0, 'Roses are red,\r\n- violets blue'), segment('b', 0, 'End.')),
      'en',
    );
    expect(markdown).toBe('Roses are red,\\\n\\- violets blue End.\n');
    expect(toMarkdown(articleOf(segment('h', 0, 'Two\nlines', { role: 'headline' })), 'en')).toBe('# Two lines\n');
  });

  it('leaves out excluded rows and empty cells, and writes nothing for an empty document', () => {
    const markdown = toMarkdown(
      articleOf(segment('a', 0, 'Kept.'), segment('b', 1, 'Gone.', { excluded: true }), segment('c', 2, '  \n ')),
      'en',
    );
    expect(markdown).toBe('Kept.\n');
    expect(toMarkdown(articleOf(), 'en')).toBe('');
    expect(toMarkdown(article, 'ko')).not.toBe('');
  });

  it('writes a transcript with one paragraph per cue', () => {
    const markdown = toMarkdown(appeal, 'ko');
    expect(markdown.trimEnd().split('\n\n')).toEqual(appeal.segments.map((s) => s.texts.ko));
  });
});

describe('documentBlocks', () => {
  it('gives the headline first, then the paragraphs in order', () => {
    const blocks = documentBlocks(article, 'en');
    expect(blocks[0]).toEqual({ kind: 'headline', lines: [article.segments[0]!.texts.en] });
    expect(blocks.slice(1).every((block) => block.kind === 'paragraph')).toBe(true);
    expect(blocks).toHaveLength(distinctParagraphs(article, 'en'));
  });
});
