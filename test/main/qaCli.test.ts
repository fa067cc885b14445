import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleFile, useTemporaryFolders, runCliCollecting } from './support';

const temporaryFolder = useTemporaryFolders();

const cli = runCliCollecting;

describe('subrelay qa', () => {
  it('passes the sample project (reading speed may be flagged as a warning) and exits 0', async () => {
    const result = await cli('qa', sampleFile, '--lang', 'all', '--format', 'json');
    expect(result.code).toBe(0);
    const findings = JSON.parse(result.stdout) as { cue: number; rule: string; severity: string; message: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.every((f) => f.rule === 'cps')).toBe(true);
  });

  it('reports every broken rule of an SRT file as JSON and exits 1 after printing', async () => {
    const folder = await temporaryFolder('qa');
    const file = join(folder, 'bad.ko.srt');
    await writeFile(
      file,
      [
        '1',
        '00:00:01,000 --> 00:00:01,400',
        '형제 여러분, 여러분과 저는 같은 민족이고 같은 피를 나눴습니다',
        '',
        '2',
        '00:00:01,300 --> 00:00:09,000',
        '우리는',
        '같은',
        '민족입니다',
        '',
      ].join('\n'),
    );
    const result = await cli('qa', file, '--lang', 'ko', '--format', 'json');
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as { cue: number; rule: string; severity: string; message: string }[];
    const rules = findings.map((f) => `${f.cue}:${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['1:line-length', '1:min-duration', '1:cps', '2:overlap', '2:lines', '2:max-duration']),
    );
    for (const finding of findings) {
      expect(Object.keys(finding).sort()).toEqual(['cue', 'message', 'rule', 'severity']);
      expect(['error', 'warning']).toContain(finding.severity);
    }
  });

  it('prints a readable list as text, and refuses a missing --lang with exit 2', async () => {
    const folder = await temporaryFolder('qa');
    const file = join(folder, 'x.srt');
    await writeFile(file, '1\n00:00:01,000 --> 00:00:03,000\nHello there.\n');
    const text = await cli('qa', file, '--lang', 'en');
    expect(text).toEqual({ code: 0, stdout: '0 findings: 0 errors, 0 warnings\n', stderr: '' });
    expect((await cli('qa', file)).code).toBe(2);
  });
});
