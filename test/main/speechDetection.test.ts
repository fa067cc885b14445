import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSpeech } from '../../main/handlers/speechDetection';
import { LANGUAGES } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, repoRoot, runCliCollecting, useTemporaryFolders } from './support';
import { makeTrack, missingSpeechTools, SENTENCES, type SyntheticTrack } from './syntheticSpeech';

const missing = await missingSpeechTools();
if (missing !== undefined) {
  // A skipped test's body never runs, so the reason is printed while the file is collected.
  console.warn(`Speech detection is not tested on synthetic speech: ${missing}.`);
}

const temporaryFolder = useTemporaryFolders();
const SLOW = 240_000;

/** How far each detected onset is from the true one; the detection must find each sentence once. */
function onsetErrors(found: ReadonlyArray<{ start: number; end: number }>, track: SyntheticTrack): number[] {
  expect(found).toHaveLength(track.truth.length);
  return track.truth.map((truth, index) => Math.abs((found[index]?.start ?? -1e9) - truth.start));
}

function describeErrors(label: string, errors: ReadonlyArray<number>): string {
  const sorted = [...errors].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${label}: onset error median ${Math.round(median)} ms, max ${Math.round(sorted[sorted.length - 1] ?? 0)} ms`;
}

describe.skipIf(missing !== undefined)('speech detection on espeak-ng sentences (en and ko, pauses 0.4–3 s)', () => {
  let folder: string;
  let clean: SyntheticTrack;
  let noisy: SyntheticTrack;

  beforeAll(async () => {
    // Made once for the whole group (the helper's folders go after each test).
    folder = await mkdtemp(join(tmpdir(), 'subrelay-speech-'));
    clean = await makeTrack(folder, 'clean', SENTENCES);
    noisy = await makeTrack(folder, 'noisy', SENTENCES, { snrDb: 20, extension: 'ogg' });
  }, SLOW);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it(
    'finds every sentence within 150 ms of its onset, reading the WAV itself (no ffmpeg)',
    async () => {
      const found = await detectSpeech(clean.file, { ffmpeg: false });
      expect(Math.abs(found.durationMs - clean.durationMs)).toBeLessThan(50);
      const errors = onsetErrors(found.speech, clean);
      console.log(describeErrors('clean WAV, Silero v5, read without ffmpeg', errors));
      for (const error of errors) expect(error).toBeLessThanOrEqual(150);
    },
    SLOW,
  );

  it(
    'finds every sentence within 150 ms at 20 dB SNR, decoded by ffmpeg from Ogg, with both models',
    async () => {
      for (const model of ['v5', 'v6'] as const) {
        const found = await detectSpeech(noisy.file, { model });
        const errors = onsetErrors(found.speech, noisy);
        console.log(describeErrors(`20 dB SNR Ogg, Silero ${model}, ffmpeg`, errors));
        for (const error of errors) expect(error).toBeLessThanOrEqual(150);
      }
    },
    SLOW,
  );

  it(
    'prints the speech as JSON from the built command line',
    async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(repoRoot, 'main/bin/subrelay.js'), 'speech', noisy.file, '--format', 'json'],
        { cwd: repoRoot },
      );
      const speech = JSON.parse(stdout) as { start: number; end: number }[];
      expect(Object.keys(speech[0] ?? {})).toEqual(['start', 'end']);
      for (const error of onsetErrors(speech, noisy)) expect(error).toBeLessThanOrEqual(150);
    },
    SLOW,
  );

  it(
    'autotime puts every cue of a transcript of those sentences within 250 ms of its onset, and saves',
    async () => {
      const sample = await loadSample();
      const appeal = sample.documents.find((document) => document.id === 'appeal');
      if (appeal === undefined) throw new Error('the sample has no appeal');
      const empty = Object.fromEntries(LANGUAGES.map((language) => [language, ''])) as Record<
        (typeof LANGUAGES)[number],
        string
      >;
      const project: Project = {
        ...sample,
        documents: [
          {
            ...appeal,
            media: { path: 'noisy.ogg' },
            // Untimed cues, one per sentence, in the language it is spoken in.
            segments: SENTENCES.map((sentence, index) => ({
              id: `s${index + 1}`,
              paragraph: 0,
              texts: { ...empty, [sentence.voice]: sentence.text },
              status: appeal.segments[0]!.status,
            })),
          },
        ],
      };
      const file = join(folder, 'spoken.subrelay');
      await writeFile(file, serializeProject(project));
      const dry = await runCliCollecting('autotime', file, '--document', 'appeal', '--dry-run');
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('s1: untimed → ');
      expect(dry.stdout).toContain('dry run');
      expect(await readFile(file, 'utf8')).toBe(serializeProject(project));

      const result = await runCliCollecting('autotime', file, '--document', 'appeal');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^8 cues of appeal timed from 8 stretches of speech, 0 unchanged; saved /mu);
      const saved = parseProject(await readFile(file, 'utf8'));
      const starts = saved.documents[0]!.segments.map((segment) => segment.start ?? -1e9);
      const errors = noisy.truth.map((truth, index) => Math.abs((starts[index] ?? -1e9) - truth.start));
      console.log(describeErrors('autotime on the 20 dB SNR Ogg, cue starts', errors));
      for (const error of errors) expect(error).toBeLessThanOrEqual(250);
    },
    SLOW,
  );
});

describe('subrelay speech and autotime refuse bad input, naming the file', () => {
  it('says a missing media file is missing', async () => {
    const result = await runCliCollecting('speech', '/nonexistent/appeal.mp4');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('subrelay: /nonexistent/appeal.mp4: no such file or folder\n');
  });

  it('asks for the document, and refuses an article', async () => {
    const folder = await temporaryFolder('autotime-usage');
    const file = join(folder, 'p.subrelay');
    await writeFile(file, serializeProject(await loadSample()));
    expect((await runCliCollecting('autotime', file)).code).toBe(2);
    const article = await runCliCollecting('autotime', file, '--document', 'article', '--media', 'x.wav');
    expect(article.code).toBe(1);
    expect(article.stderr).toBe(`subrelay: ${file}: “article” is an article; only a transcript can have media\n`);
    const none = await runCliCollecting('autotime', file, '--document', 'appeal');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no media');
  });
});
