import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportText, planExport } from '../../src/export/plan';
import { csvField } from '../../src/formats/escape';
import { parseProject } from '../../src/model/schema';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

describe('csvField (issue 14: CSV formula injection)', () => {
  it('neutralises a cell starting with ";" as with "=", "+", "-", "@", a tab or a carriage return', () => {
    // A ";" starts a formula in spreadsheets set to a locale where ";" separates arguments.
    for (const start of [';', '=', '+', '-', '@', '\t', '\r']) {
      const field = csvField(`${start}SUM(A1)`);
      expect(field.replace(/^"/u, '').startsWith(`'${start}`), JSON.stringify(start)).toBe(true);
    }
  });

  it('leaves ordinary text as it is', () => {
    expect(csvField('Hello; world')).toBe('Hello; world');
    expect(csvField('Привет')).toBe('Привет');
  });
});

describe('exported HTML pages (issue 14: Content-Security-Policy)', () => {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;

  it('carry a policy that forbids scripts and every fetch in review-html and dub-html', async () => {
    for (const format of ['review-html', 'dub-html'] as const) {
      const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['en', 'ko'], format });
      expect(plan.files.length, format).toBeGreaterThan(0);
      for (const file of plan.files) {
        const html = exportText(file);
        expect(html, file.name).toContain(csp);
        // The policy must come before anything it governs.
        expect(html.indexOf(csp), file.name).toBeLessThan(html.indexOf('<style'));
      }
    }
  });
});
