import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyXliff,
  describeXliffReport,
  describeXliffWarnings,
  InterchangeFormatError,
  readXliff,
  summarizeXliffReport,
  writeXliff,
  xmlSafeText,
  type XliffContent,
  type XliffVersion,
} from '../../src/interchange/xliff';
import type { Language } from '../../src/languages';
import {
  SEGMENT_STATUSES,
  type Project,
  type Segment,
  type SegmentStatus,
  type SubrelayDocument,
} from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const VERSIONS: ReadonlyArray<XliffVersion> = ['2.0', '1.2'];

function documentOf(project: Project, id: string): SubrelayDocument {
  const document = project.documents.find((d) => d.id === id);
  if (document === undefined) throw new Error(`no document ${id}`);
  return document;
}

function segment(id: string, texts: Partial<Record<Language, string>>, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

function projectWith(segments: ReadonlyArray<Segment>, kind: SubrelayDocument['kind'] = 'transcript'): Project {
  return {
    ...sample,
    documents: [{ id: 'doc', kind, title: 'Doc', sourceLanguage: 'en', segments }],
  };
}

function roundTrip(project: Project, version: XliffVersion, target: Language = 'ko'): XliffContent {
  return readXliff(writeXliff(project, documentOf(project, 'doc'), { version, source: 'en', target }));
}

describe('writeXliff: golden files from the sample', () => {
  it('appeal en → ko as XLIFF 2.0 (appeal.en-ko.xlf)', () => {
    const xml = writeXliff(sample, documentOf(sample, 'appeal'), { version: '2.0', source: 'en', target: 'ko' });
    expectGolden('interchange/appeal.en-ko.xlf', xml);
  });

  it('appeal en → ko as XLIFF 1.2 (appeal.en-ko.xliff)', () => {
    const xml = writeXliff(sample, documentOf(sample, 'appeal'), { version: '1.2', source: 'en', target: 'ko' });
    expectGolden('interchange/appeal.en-ko.xliff', xml);
  });

  it('the article from its Korean column into Ukrainian as XLIFF 2.0 (article.ko-uk.xlf)', () => {
    const xml = writeXliff(sample, documentOf(sample, 'article'), { version: '2.0', source: 'ko', target: 'uk' });
    expectGolden('interchange/article.ko-uk.xlf', xml);
  });
});

describe('writeXliff', () => {
  it('starts with the XML declaration, indents by two spaces, ends with a newline and is deterministic', () => {
    for (const version of VERSIONS) {
      const write = (): string =>
        writeXliff(sample, documentOf(sample, 'appeal'), { version, source: 'en', target: 'uk' });
      const xml = write();
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff ')).toBe(true);
      expect(xml.endsWith('</xliff>\n')).toBe(true);
      expect(xml).toMatch(/\n {2}<file /u);
      expect(write()).toBe(xml);
    }
  });

  it('writes the XLIFF 2.0 and 1.2 roots and file elements with document ids and BCP 47 codes', () => {
    const article = documentOf(sample, 'article');
    const v20 = writeXliff(sample, article, { version: '2.0', source: 'en', target: 'ru' });
    expect(v20).toContain(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">',
    );
    expect(v20).toContain('<file id="article" original="article" canResegment="no">');
    const v12 = writeXliff(sample, article, { version: '1.2', source: 'en', target: 'ru' });
    expect(v12).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
    expect(v12).toContain('<file original="article" source-language="en" target-language="ru" datatype="plaintext">');
  });

  it('writes one unit per row, leaving out excluded rows and rows without source text', () => {
    const article = documentOf(sample, 'article');
    const included = article.segments.filter((s) => s.excluded !== true && s.texts.ko !== '').map((s) => s.id);
    expect(included.length).toBeLessThan(article.segments.length);
    for (const version of VERSIONS) {
      const content = readXliff(writeXliff(sample, article, { version, source: 'ko', target: 'uk' }));
      expect(content.files.map((f) => f.id)).toEqual(['article']);
      expect(content.files[0]?.units.map((u) => u.id)).toEqual(included);
    }
  });

  it('omits the target of a row without a target text, as an initial (XLIFF 2.0) unit', () => {
    const project = projectWith([
      segment('a', { en: 'One', ko: '하나' }, { status: { en: 'source', ko: 'translated', uk: 'draft', ru: 'draft' } }),
      segment('b', { en: 'Two' }, { status: { en: 'source', ko: 'translated', uk: 'draft', ru: 'draft' } }),
    ]);
    const v20 = writeXliff(project, documentOf(project, 'doc'), { version: '2.0', source: 'en', target: 'ko' });
    expect(v20.match(/<target/gu)).toHaveLength(1);
    expect(v20).toContain('<segment state="initial">\n');
    const v12 = writeXliff(project, documentOf(project, 'doc'), { version: '1.2', source: 'en', target: 'ko' });
    expect(v12.match(/<target/gu)).toHaveLength(1);
    for (const version of VERSIONS) {
      expect(roundTrip(project, version).files[0]?.units).toEqual([
        { id: 'a', source: 'One', target: '하나', status: 'translated' },
        { id: 'b', source: 'Two' },
      ]);
    }
  });

  it('writes the segment note and where the row sits as notes', () => {
    const project = projectWith([
      segment('a', { en: 'One', ko: '하나' }, { start: 1000, end: 61_500, note: 'Say it slowly' }),
      segment('b', { en: 'Two', ko: '둘' }),
    ]);
    const v20 = writeXliff(project, documentOf(project, 'doc'), { version: '2.0', source: 'en', target: 'ko' });
    expect(v20).toContain('<note category="subrelay">time 00:00:01.000 – 00:01:01.500</note>');
    expect(v20).toContain('<note>Say it slowly</note>');
    expect(v20).toContain('<note category="title">Doc</note>');
    const v12 = writeXliff(project, documentOf(project, 'doc'), { version: '1.2', source: 'en', target: 'ko' });
    expect(v12).toContain('<note from="subrelay">time 00:00:01.000 – 00:01:01.500</note>');
    expect(v12).toContain('<note>Say it slowly</note>');
    const article = writeXliff(sample, documentOf(sample, 'article'), { version: '2.0', source: 'en', target: 'ko' });
    expect(article).toContain('<note category="subrelay">paragraph 1, headline</note>');
  });

  it('writes the reviewers’ comments on the target cell as notes about the target, and no others', () => {
    const time = '2026-11-30T09:00:00.000Z';
    const project = projectWith([
      segment(
        'a',
        { en: 'One', ko: '하나' },
        {
          comments: [
            { language: 'ko', author: '민지', time, text: 'Check <this> & that' },
            { language: 'uk', author: 'Olena', time, text: 'not about Korean' },
          ],
        },
      ),
    ]);
    const v20 = writeXliff(project, documentOf(project, 'doc'), { version: '2.0', source: 'en', target: 'ko' });
    expect(v20).toContain(`<note appliesTo="target">민지 (${time}): Check &lt;this&gt; &amp; that</note>`);
    expect(v20).not.toContain('not about Korean');
    const v12 = writeXliff(project, documentOf(project, 'doc'), { version: '1.2', source: 'en', target: 'ko' });
    expect(v12).toContain(`<note from="민지" annotates="target">민지 (${time}): Check &lt;this&gt; &amp; that</note>`);
    // Still a valid file: it reads back.
    expect(readXliff(v12).files[0]?.units).toHaveLength(1);
    expect(readXliff(v20).files[0]?.units).toHaveLength(1);
  });

  it('maps statuses to XLIFF 2.0 states with a Subrelay subState for source and draft', () => {
    const expected: Record<SegmentStatus, string> = {
      source: '<segment state="initial" subState="subrelay:source">',
      draft: '<segment state="initial" subState="subrelay:draft">',
      translated: '<segment state="translated">',
      reviewed: '<segment state="reviewed">',
      approved: '<segment state="final">',
    };
    for (const status of SEGMENT_STATUSES) {
      const project = projectWith([
        segment('a', { en: 'One', ko: '하나' }, { status: { en: 'source', ko: status, uk: 'draft', ru: 'draft' } }),
      ]);
      const xml = writeXliff(project, documentOf(project, 'doc'), { version: '2.0', source: 'en', target: 'ko' });
      expect(xml).toContain(expected[status]);
    }
  });

  it('maps statuses to XLIFF 1.2 target states, with approved="yes" for approved rows', () => {
    const expected: Record<SegmentStatus, string> = {
      source: '<target state="x-subrelay-source">',
      draft: '<target state="needs-review-translation">',
      translated: '<target state="translated">',
      reviewed: '<target state="signed-off">',
      approved: '<target state="final">',
    };
    for (const status of SEGMENT_STATUSES) {
      const project = projectWith([
        segment('a', { en: 'One', ko: '하나' }, { status: { en: 'source', ko: status, uk: 'draft', ru: 'draft' } }),
      ]);
      const xml = writeXliff(project, documentOf(project, 'doc'), { version: '1.2', source: 'en', target: 'ko' });
      expect(xml).toContain(expected[status]);
      expect(xml.includes('<trans-unit id="a" approved="yes"')).toBe(status === 'approved');
    }
  });

  it('round-trips every status through both versions', () => {
    for (const version of VERSIONS) {
      for (const status of SEGMENT_STATUSES) {
        const project = projectWith([
          segment('a', { en: 'One', ko: '하나' }, { status: { en: 'source', ko: status, uk: 'draft', ru: 'draft' } }),
        ]);
        expect(roundTrip(project, version).files[0]?.units[0]?.status).toBe(status);
      }
    }
  });

  it('escapes &, <, >, quotes and a literal "&amp;", and reads them back exactly', () => {
    const text = `Tom & Jerry <b>"quoted"</b> 'single' &amp; &lt; ]]> a > b`;
    const project = projectWith([segment('a', { en: text, ko: text }, { note: text })]);
    for (const version of VERSIONS) {
      const xml = writeXliff(project, documentOf(project, 'doc'), { version, source: 'en', target: 'ko' });
      expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;');
      expect(xml).toContain('&amp;amp; &amp;lt; ]]&gt;');
      expect(xml).not.toContain('<b>');
      expect(roundTrip(project, version).files[0]?.units[0]).toMatchObject({ source: text, target: text });
    }
  });

  it('keeps line breaks and leading and trailing spaces, with xml:space="preserve"', () => {
    const text = '  First line\nsecond line  \n\n third\tline ';
    const project = projectWith([segment('a', { en: text, ko: text })]);
    const v20 = writeXliff(project, documentOf(project, 'doc'), { version: '2.0', source: 'en', target: 'ko' });
    expect(v20).toContain('<source xml:space="preserve">  First line\nsecond line  \n\n third\tline </source>');
    expect(v20).toContain('<target xml:space="preserve">');
    const v12 = writeXliff(project, documentOf(project, 'doc'), { version: '1.2', source: 'en', target: 'ko' });
    expect(v12).toContain('<trans-unit id="a" xml:space="preserve">');
    for (const version of VERSIONS) {
      expect(roundTrip(project, version).files[0]?.units[0]).toMatchObject({ source: text, target: text });
    }
  });

  it('writes "\\r\\n" as "\\n" and leaves out characters XML cannot hold', () => {
    const project = projectWith([segment('a', { en: 'a\r\nb\rc\u0001d\uFFFE', ko: 'x\u0000y' })]);
    for (const version of VERSIONS) {
      expect(roundTrip(project, version).files[0]?.units[0]).toMatchObject({ source: 'a\nb\ncd', target: 'xy' });
    }
    expect(xmlSafeText('\uD800 lone \uDC00 pair \uD83D\uDE00')).toBe(' lone  pair \uD83D\uDE00');
  });

  it('refuses the same source and target language, and a document without source text', () => {
    const project = projectWith([segment('a', { en: '', ko: '하나' })]);
    const document = documentOf(project, 'doc');
    expect(() => writeXliff(project, document, { version: '2.0', source: 'ko', target: 'ko' })).toThrow(
      'the XLIFF source and target language are both ko',
    );
    expect(() => writeXliff(project, document, { version: '1.2', source: 'en', target: 'ko' })).toThrow(
      InterchangeFormatError,
    );
    expect(() => writeXliff(project, document, { version: '2.0', source: 'en', target: 'ko' })).toThrow(
      'document "doc" has no en text to translate',
    );
  });
});

describe('readXliff', () => {
  const minimal20 = (
    units: string,
    root = 'xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"',
  ): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${root}><file id="doc">${units}</file></xliff>`;

  it('reads a file with a byte order mark', () => {
    const xml = `\uFEFF${minimal20('<unit id="a"><segment state="translated"><source>One</source><target>하나</target></segment></unit>')}`;
    expect(readXliff(xml)).toEqual({
      version: '2.0',
      sourceLanguage: 'en',
      targetLanguage: 'ko',
      files: [{ id: 'doc', units: [{ id: 'a', source: 'One', target: '하나', status: 'translated' }] }],
    });
  });

  it('reads region subtags and upper case as the language ("en-GB", "KO-kr")', () => {
    const xml = minimal20(
      '<unit id="a"><segment><source>One</source></segment></unit>',
      'xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="KO-kr"',
    );
    expect(readXliff(xml)).toMatchObject({ sourceLanguage: 'en', targetLanguage: 'ko' });
  });

  it('reads initial without a Subrelay subState as draft, and ignores other tools’ subStates', () => {
    const xml = minimal20(
      '<unit id="a"><segment state="initial" subState="acme:fuzzy"><source>One</source><target>하나</target></segment></unit>' +
        '<unit id="b"><segment><source>Two</source><target>둘</target></segment></unit>' +
        '<unit id="c"><segment state="final" subState="subrelay:draft"><source>Three</source><target>셋</target></segment></unit>',
    );
    expect(readXliff(xml).files[0]?.units.map((u) => u.status)).toEqual(['draft', 'draft', 'approved']);
  });

  it('flattens XLIFF 2.0 inline markup in a target to its text', () => {
    const xml = minimal20(
      '<unit id="a"><segment state="translated"><source>Hello <pc id="1">big</pc> world</source>' +
        '<target>안녕 <ph id="0"/><pc id="1">큰<mrk id="m1" translate="no">세상</mrk></pc><sc id="2"/>!<ec startRef="2"/><cp hex="00A0"/></target></segment></unit>',
    );
    expect(readXliff(xml).files[0]?.units[0]).toEqual({
      id: 'a',
      source: 'Hello big world',
      target: '안녕 큰세상!\u00A0',
      status: 'translated',
    });
  });

  it('joins a unit split into segments and ignorables, and drops a partly translated unit’s target', () => {
    const xml = minimal20(
      '<unit id="a"><segment state="reviewed"><source>One.</source><target>하나.</target></segment>' +
        '<ignorable><source> </source></ignorable>' +
        '<segment state="translated"><source>Two.</source><target>둘.</target></segment></unit>' +
        '<unit id="b"><segment state="translated"><source>One.</source><target>하나.</target></segment>' +
        '<segment><source>Two.</source></segment></unit>',
    );
    expect(readXliff(xml).files[0]?.units).toEqual([
      { id: 'a', source: 'One. Two.', target: '하나. 둘.', status: 'translated' },
      { id: 'b', source: 'One.Two.' },
    ]);
  });

  it('reads units inside groups, and reads CDATA, numeric character references and entities', () => {
    const xml = minimal20(
      '<group id="g"><group id="h"><unit id="a"><segment state="translated">' +
        '<source><![CDATA[a & <b> &amp;]]></source><target>&#x41;&#10;&#66;&lt;&amp;amp;</target></segment></unit></group></group>',
    );
    expect(readXliff(xml).files[0]?.units[0]).toEqual({
      id: 'a',
      source: 'a & <b> &amp;',
      target: 'A\nB<&amp;',
      status: 'translated',
    });
  });

  it('reads XLIFF 1.2 from other tools: groups, inline codes, alt-trans and states', () => {
    const xml = `<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="doc" source-language="en-US" target-language="uk" datatype="plaintext">
    <body>
      <group id="g1">
        <trans-unit id="a">
          <source>Hello <g id="1">world</g></source>
          <target state="signed-off">Привіт, <g id="1">світе</g><x id="2"/><ph id="3">&lt;br/&gt;</ph></target>
          <alt-trans><target>Wrong one</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="b" approved="yes"><source>Two</source><target state="translated">Два</target></trans-unit>
      <trans-unit id="c"><source>Three</source><target state="new"></target></trans-unit>
      <trans-unit id="d"><source>Four</source><target state="needs-l10n">Чотири</target></trans-unit>
      <trans-unit id="e"><source>Five</source><target>П’ять</target></trans-unit>
      <trans-unit id="f"><source>Six</source><target state="x-acme">Шість</target></trans-unit>
    </body>
  </file>
</xliff>`;
    expect(readXliff(xml)).toEqual({
      version: '1.2',
      sourceLanguage: 'en',
      targetLanguage: 'uk',
      files: [
        {
          id: 'doc',
          units: [
            { id: 'a', source: 'Hello world', target: 'Привіт, світе', status: 'reviewed' },
            { id: 'b', source: 'Two', target: 'Два', status: 'approved' },
            { id: 'c', source: 'Three' },
            { id: 'd', source: 'Four', target: 'Чотири', status: 'draft' },
            { id: 'e', source: 'Five', target: 'П’ять' },
            { id: 'f', source: 'Six', target: 'Шість' },
          ],
        },
      ],
    });
  });

  it('tells the version by the namespace when the version attribute is missing', () => {
    const xml =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="doc" source-language="en" target-language="ko" datatype="plaintext"><body/></file></xliff>';
    expect(readXliff(xml)).toMatchObject({ version: '1.2', files: [{ id: 'doc', units: [] }] });
  });

  const refusals: ReadonlyArray<[string, string, string | RegExp]> = [
    [
      'another root',
      '<?xml version="1.0"?><tmx version="1.4"><body/></tmx>',
      'not an XLIFF file (no <xliff> root; found <tmx>)',
    ],
    ['no element at all', '<?xml version="1.0"?>', /^bad XML at line 1: /u],
    [
      'XLIFF 1.1',
      '<xliff version="1.1"><file original="a" source-language="en" datatype="plaintext"><body/></file></xliff>',
      'XLIFF version 1.1 is not supported (1.2 and 2.0 are)',
    ],
    [
      'unclosed element',
      '<xliff version="2.0" srcLang="en" trgLang="ko">\n<file id="a">\n<unit>\n</xliff>',
      "bad XML at line 4: Expected closing tag 'unit' (opened in line 3, col 1) instead of closing tag 'xliff'.",
    ],
    ['text that is no XML', 'Hello, world', /^bad XML at line 1: /u],
    [
      'a unit without id',
      minimal20(
        '<unit id="a"><segment><source>1</source></segment></unit><unit id="b"><segment><source>2</source></segment></unit><unit><segment><source>3</source></segment></unit>',
      ),
      'unit 3 has no id',
    ],
    [
      'a duplicate unit id',
      minimal20(
        '<unit id="a"><segment><source>1</source></segment></unit><unit id="a"><segment><source>2</source></segment></unit>',
      ),
      'unit "a" appears twice in file "doc"',
    ],
    [
      'an unknown target language',
      minimal20(
        '<unit id="a"><segment><source>1</source></segment></unit>',
        'xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"',
      ),
      'target language "fr" is not one of en, ko, uk, ru',
    ],
    [
      'no target language',
      minimal20(
        '<unit id="a"><segment><source>1</source></segment></unit>',
        'xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"',
      ),
      'the XLIFF names no target language',
    ],
    [
      'an undefined entity',
      minimal20('<unit id="a"><segment><source>&nbsp;</source></segment></unit>'),
      'bad XML: undefined entity &nbsp;',
    ],
    [
      'a character reference to a control character',
      minimal20('<unit id="a"><segment><source>&#1;</source></segment></unit>'),
      'bad XML: character reference &#1; is not an XML character',
    ],
    [
      '1.2 files with different target languages',
      '<xliff version="1.2"><file original="a" source-language="en" target-language="ko" datatype="plaintext"><body/></file><file original="b" source-language="en" target-language="uk" datatype="plaintext"><body/></file></xliff>',
      'file "b" has another target language than the first file',
    ],
  ];
  for (const [what, xml, message] of refusals) {
    it(`refuses ${what} with a one-line InterchangeFormatError`, () => {
      let caught: unknown;
      try {
        readXliff(xml);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InterchangeFormatError);
      const text = (caught as Error).message;
      expect(text).not.toContain('\n');
      if (typeof message === 'string') expect(text).toBe(message);
      else expect(text).toMatch(message);
    });
  }

  it('refuses a DOCTYPE, so an entity bomb ("billion laughs") is never expanded', () => {
    const laughs = `<?xml version="1.0"?>
<!-- a comment first -->
<!DOCTYPE xliff [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"><file id="doc"><unit id="a"><segment><source>&lol3;</source></segment></unit></file></xliff>`;
    expect(() => readXliff(laughs)).toThrow('XLIFF files with a DOCTYPE are refused (entities are not expanded)');
    expect(() => readXliff(`\uFEFF${laughs}`)).toThrow(InterchangeFormatError);
  });
});

describe('applyXliff', () => {
  const appeal = documentOf(sample, 'appeal');

  it('changes nothing, and returns the same project, when the file comes back as it went', () => {
    for (const version of VERSIONS) {
      const content = readXliff(writeXliff(sample, appeal, { version, source: 'en', target: 'ko' }));
      const { project, report } = applyXliff(sample, content);
      expect(project).toBe(sample);
      expect(report).toEqual({
        documentIds: ['appeal'],
        language: 'ko',
        changed: [],
        unchanged: appeal.segments.length,
        unknownUnits: [],
        unknownFiles: [],
        sourceMismatches: [],
      });
    }
  });

  it('round trip: only the edited targets and states change, everything else stays deep-equal', () => {
    for (const version of VERSIONS) {
      const xml = writeXliff(sample, appeal, { version, source: 'en', target: 'ko' });
      const q002 = appeal.segments.find((s) => s.id === 'q002')!;
      const q005 = appeal.segments.find((s) => s.id === 'q005')!;
      let edited = xml.replace(q002.texts.ko, '같은 피를 나눈, 같은 나라 사람입니다.\n(수정)');
      edited =
        version === '2.0'
          ? edited
              .replace(
                /(<unit id="q002">[\s\S]*?<segment )state="initial" subState="subrelay:draft"/u,
                '$1state="translated"',
              )
              .replace(
                /(<unit id="q005">[\s\S]*?<segment )state="initial" subState="subrelay:draft"/u,
                '$1state="final"',
              )
          : edited
              .replace(
                /(<trans-unit id="q002"[\s\S]*?<target )state="needs-review-translation"/u,
                '$1state="translated"',
              )
              .replace(
                /(<trans-unit id="q005"[\s\S]*?<target )state="needs-review-translation"/u,
                '$1state="signed-off"',
              );
      expect(edited).not.toBe(xml);
      const { project, report } = applyXliff(sample, readXliff(edited));
      expect(report.changed).toEqual([
        {
          documentId: 'appeal',
          segmentId: 'q002',
          textBefore: q002.texts.ko,
          textAfter: '같은 피를 나눈, 같은 나라 사람입니다.\n(수정)',
          statusBefore: 'draft',
          statusAfter: 'translated',
        },
        {
          documentId: 'appeal',
          segmentId: 'q005',
          textBefore: q005.texts.ko,
          textAfter: q005.texts.ko,
          statusBefore: 'draft',
          statusAfter: version === '2.0' ? 'approved' : 'reviewed',
        },
      ]);
      expect(report.unchanged).toBe(appeal.segments.length - 2);
      const expected: Project = {
        ...sample,
        documents: sample.documents.map((document) =>
          document.id !== 'appeal'
            ? document
            : {
                ...document,
                segments: document.segments.map((s) =>
                  s.id === 'q002'
                    ? {
                        ...s,
                        texts: { ...s.texts, ko: '같은 피를 나눈, 같은 나라 사람입니다.\n(수정)' },
                        status: { ...s.status, ko: 'translated' },
                      }
                    : s.id === 'q005'
                      ? { ...s, status: { ...s.status, ko: version === '2.0' ? 'approved' : 'reviewed' } }
                      : s,
                ),
              },
        ),
      };
      expect(project).toEqual(expected);
      expect(project.documents[1]).toBe(sample.documents[1]);
    }
  });

  it('clears the aligner’s confidence in a cell whose text changed, and only there', () => {
    const base = projectWith([
      segment('a', { en: 'One', ko: '하나', uk: 'Один' }, { confidence: { ko: 0.4, uk: 0.7 } }),
      segment('b', { en: 'Two', ko: '둘' }, { confidence: { ko: 0.5 } }),
      segment('c', { en: 'Three', ko: '셋' }, { confidence: { ko: 0.6 } }),
    ]);
    const content: XliffContent = {
      version: '2.0',
      sourceLanguage: 'en',
      targetLanguage: 'ko',
      files: [
        {
          id: 'doc',
          units: [
            { id: 'a', source: 'One', target: '하나!', status: 'translated' },
            { id: 'b', source: 'Two', target: '둘!' },
            { id: 'c', source: 'Three', target: '셋', status: 'reviewed' },
          ],
        },
      ],
    };
    const { project } = applyXliff(base, content);
    const [a, b, c] = project.documents[0]!.segments;
    expect(a).toEqual({
      ...base.documents[0]!.segments[0],
      texts: { en: 'One', ko: '하나!', uk: 'Один', ru: '' },
      status: { en: 'source', ko: 'translated', uk: 'draft', ru: 'draft' },
      confidence: { uk: 0.7 },
    });
    expect(b?.confidence).toBeUndefined();
    expect(b?.status.ko).toBe('draft');
    expect(c?.confidence).toEqual({ ko: 0.6 });
    expect(c?.status.ko).toBe('reviewed');
  });

  it('lists unknown files and units and differing sources, and still applies the target', () => {
    const base = projectWith([segment('a', { en: 'One', ko: '하나' }), segment('b', { en: 'Two', ko: '둘' })]);
    const content: XliffContent = {
      version: '1.2',
      sourceLanguage: 'en',
      targetLanguage: 'ko',
      files: [
        {
          id: 'doc',
          units: [
            { id: 'a', source: 'One, changed upstream', target: '하나!', status: 'translated' },
            { id: 'zz', source: 'Gone', target: '없음', status: 'translated' },
            { id: 'b', source: 'Two' },
          ],
        },
        { id: 'elsewhere', units: [{ id: 'a', source: 'x', target: 'y' }] },
      ],
    };
    const { project, report } = applyXliff(base, content);
    expect(project.documents[0]?.segments[0]?.texts.ko).toBe('하나!');
    expect(report).toMatchObject({
      documentIds: ['doc'],
      unchanged: 1,
      unknownUnits: [{ fileId: 'doc', unitId: 'zz' }],
      unknownFiles: ['elsewhere'],
      sourceMismatches: [{ documentId: 'doc', segmentId: 'a' }],
    });
    expect(describeXliffReport(report)).toEqual(['doc a (ko): text changed, draft → translated']);
    expect(describeXliffWarnings(report)).toEqual([
      'file "elsewhere" matches no document in the project; skipped',
      'doc zz: no such segment in the project; skipped',
      "doc a: the source text in the file differs from the project's; the translation was applied anyway",
    ]);
    expect(summarizeXliffReport(report)).toBe('1 segment changed, 1 unchanged');
  });

  it('describes a status-only and a text-only change', () => {
    const base = projectWith([segment('a', { en: 'One', ko: '하나' }), segment('b', { en: 'Two', ko: '둘' })]);
    const { report } = applyXliff(base, {
      version: '2.0',
      sourceLanguage: 'en',
      targetLanguage: 'ko',
      files: [
        {
          id: 'doc',
          units: [
            { id: 'a', source: 'One', target: '하나', status: 'reviewed' },
            { id: 'b', source: 'Two', target: '둘!', status: 'draft' },
          ],
        },
      ],
    });
    expect(describeXliffReport(report)).toEqual(['doc a (ko): draft → reviewed', 'doc b (ko): text changed']);
    expect(summarizeXliffReport(report)).toBe('2 segments changed, 0 unchanged');
  });

  it('does not count the writer’s own line-break normalization as a change', () => {
    const base = projectWith([segment('a', { en: 'One', ko: '하나\r\n둘' })]);
    for (const version of VERSIONS) {
      const { project, report } = applyXliff(base, roundTrip(base, version));
      expect(project).toBe(base);
      expect(report.unchanged).toBe(1);
    }
  });

  it('refuses a target language the project lacks, equal to the source, or a document’s source language', () => {
    const content = (sourceLanguage: Language, targetLanguage: Language): XliffContent => ({
      version: '2.0',
      sourceLanguage,
      targetLanguage,
      files: [{ id: 'appeal', units: [] }],
    });
    const english: Project = { ...sample, languages: ['en', 'ko'] };
    expect(() => applyXliff(english, content('en', 'uk'))).toThrow(
      "the XLIFF's target language uk is not one of the project's languages (en, ko)",
    );
    expect(() => applyXliff(sample, content('ko', 'ko'))).toThrow("the XLIFF's source and target language are both ko");
    expect(() => applyXliff(sample, content('ko', 'en'))).toThrow(
      'en is the source language of document "appeal"; an XLIFF import does not change source texts',
    );
    expect(() => applyXliff(sample, content('ko', 'en'))).toThrow(InterchangeFormatError);
  });
});

describe('XLIFF write → read property', () => {
  const special = fc.constantFrom(
    '&',
    '<',
    '>',
    ']]>',
    '"',
    "'",
    '&amp;',
    '&#10;',
    '\n',
    '\t',
    ' ',
    '  ',
    '가',
    'ї',
    '😀',
  );
  const xmlText = fc
    .array(fc.oneof(special, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 8 })
    .map((parts) => xmlSafeText(parts.join('')));
  const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,12}$/u);

  it('reads back the texts and statuses it wrote, for any Unicode text, in both versions', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id, source: xmlText, target: xmlText, status: fc.constantFrom(...SEGMENT_STATUSES) }),
          { minLength: 1, maxLength: 6, selector: (row) => row.id },
        ),
        fc.constantFrom(...VERSIONS),
        (rows, version) => {
          const withSource = rows.map((row) => ({ ...row, source: row.source === '' ? '&' : row.source }));
          const project = projectWith(
            withSource.map((row) =>
              segment(
                row.id,
                { en: row.source, ko: row.target },
                { status: { en: 'source', ko: row.status, uk: 'draft', ru: 'draft' } },
              ),
            ),
          );
          const units = roundTrip(project, version).files[0]?.units;
          expect(units).toEqual(
            withSource.map((row) => ({
              id: row.id,
              source: row.source,
              ...(row.target !== '' ? { target: row.target, status: row.status } : {}),
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
