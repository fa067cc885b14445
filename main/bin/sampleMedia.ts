/**
 * `npm run sample:media`: a 90-second demo track for the sample project, generated, never committed.
 *
 * espeak-ng speaks the Appeal's Korean cues at their times (sped up where a
 * cue's slot is short) over a plain video that shows the time code and says,
 * all the time, that the voice is synthetic speech and not the soldier's.
 * The result goes to `demo/` (ignored by git): `demo/appeal-demo.mp4` and
 * `demo/kursk-appeal-demo.subrelay`, an untitled copy of the sample whose
 * Appeal has the track attached (`--out DIR` writes them to DIR instead).
 * Needs ffmpeg and espeak-ng.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { readWav } from '../../src/speech/wav';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const DURATION_S = 90;
const LABEL = 'SYNTHETIC SPEECH (espeak-ng) - NOT THE VOICE OF THE SOLDIER';

const sample = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
const appeal = sample.documents.find((document) => document.id === 'appeal');
if (appeal === undefined) throw new Error('samples/kursk-appeal.subrelay has no Appeal document');
// `--out DIR` puts the two files elsewhere (the end-to-end tests make them in their own folder).
const outArgument = process.argv[process.argv.indexOf('--out') + 1];
const out = process.argv.includes('--out') && outArgument !== undefined ? resolve(outArgument) : join(root, 'demo');
await mkdir(out, { recursive: true });
const work = await mkdtemp(join(tmpdir(), 'subrelay-sample-media-'));
try {
  const inputs: string[] = [];
  const chains: string[] = [];
  let spoken = 0;
  for (const segment of appeal.segments) {
    const text = segment.texts.ko.trim();
    if (segment.excluded === true || text === '' || segment.start === undefined || segment.end === undefined) continue;
    const file = join(work, `${segment.id}.wav`);
    // espeak-ng's default is 175 words a minute; faster where the cue's slot is shorter than the speech.
    let speed = 175;
    for (let attempt = 0; attempt < 4; attempt++) {
      await run('espeak-ng', ['-v', 'ko', '-s', String(speed), '-w', file, text]);
      const audio = readWav(await readFile(file));
      const lengthMs = (audio.samples.length * 1000) / audio.sampleRate;
      const slot = segment.end - segment.start;
      if (lengthMs <= slot || speed >= 400) break;
      speed = Math.min(400, Math.ceil((speed * lengthMs) / slot));
    }
    inputs.push('-i', file);
    chains.push(`[${spoken + 1}:a]aresample=44100,adelay=${segment.start}:all=1[s${spoken}]`);
    spoken++;
  }
  const voices = Array.from({ length: spoken }, (_, index) => `[s${index}]`).join('');
  const audio = `${voices}amix=inputs=${spoken}:normalize=0:duration=longest,apad=whole_dur=${DURATION_S}[speech]`;
  const text = (content: string, y: string, size: number) =>
    `drawtext=font='DejaVu Sans':fontcolor=white:fontsize=${size}:x=(w-text_w)/2:y=${y}:text='${content}'`;
  const video = `[0:v]${text(LABEL, '40', 30)},${text('Subrelay demo track for the sample project', '90', 24)},${text('%{pts\\:hms}', '(h-text_h)/2', 72)}[picture]`;
  const target = join(out, 'appeal-demo.mp4');
  await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=0x202830:s=1280x720:r=25:d=${DURATION_S}`,
      ...inputs,
      '-filter_complex',
      [video, ...chains, audio].join(';'),
      '-map',
      '[picture]',
      '-map',
      '[speech]',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-t',
      String(DURATION_S),
      '-movflags',
      '+faststart',
      '-metadata',
      "comment=Synthetic speech (espeak-ng), not the soldier's voice",
      target,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const copy = {
    ...sample,
    title: `${sample.title} (demo media)`,
    documents: sample.documents.map((document) =>
      document.id === appeal.id ? { ...document, media: { path: 'appeal-demo.mp4' } } : document,
    ),
  };
  const project = join(out, 'kursk-appeal-demo.subrelay');
  await writeFile(project, serializeProject(copy));
  console.log(
    `${target}: ${DURATION_S} s, ${spoken} Korean cues spoken by espeak-ng (synthetic speech, not the soldier's voice)`,
  );
  console.log(`${project}: a copy of the sample with the track attached to the Appeal`);
} finally {
  await rm(work, { recursive: true, force: true });
}
