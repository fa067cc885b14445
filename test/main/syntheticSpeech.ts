import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWav } from '../../src/speech/wav';

const run = promisify(execFile);

/** Why synthetic speech cannot be made here, or undefined when espeak-ng and ffmpeg both run. */
export async function missingSpeechTools(): Promise<string | undefined> {
  const missing: string[] = [];
  for (const [tool, flag] of [
    ['espeak-ng', '--version'],
    ['ffmpeg', '-version'],
  ] as const) {
    try {
      await run(tool, [flag]);
    } catch {
      missing.push(tool);
    }
  }
  return missing.length === 0 ? undefined : `${missing.join(' and ')} not installed (.ci/run installs them)`;
}

export interface SpokenSentence {
  readonly text: string;
  readonly voice: 'en' | 'ko';
  /** Silence before it, after the end of the sentence before (or the start of the file). */
  readonly pauseMs: number;
}

export interface SyntheticTrack {
  readonly file: string;
  /** Where each sentence's sound truly starts and ends in the file (first and last sample above −46 dBFS). */
  readonly truth: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly durationMs: number;
}

/** A sentence's sound inside espeak-ng's WAV: where its first and last loud samples are. */
function loudSpan(samples: Float32Array, sampleRate: number): { start: number; end: number; rms: number } {
  const loud = 0.005;
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] ?? 0) < loud) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] ?? 0) < loud) last--;
  let energy = 0;
  for (let index = first; index <= last; index++) energy += (samples[index] ?? 0) ** 2;
  const rms = Math.sqrt(energy / Math.max(1, last - first + 1));
  return { start: (first * 1000) / sampleRate, end: (last * 1000) / sampleRate, rms };
}

/**
 * Speaks each sentence with espeak-ng and lays them end to end with the given pauses, mixed by ffmpeg.
 *
 * With `snrDb`, white noise is mixed in over the whole track at that
 * signal-to-noise ratio (against the speech's RMS). `extension` picks the
 * container (`wav`, `ogg`, `mp4`…); the truth comes from the sentence WAVs.
 */
export async function makeTrack(
  folder: string,
  name: string,
  sentences: ReadonlyArray<SpokenSentence>,
  options: { readonly snrDb?: number; readonly extension?: string; readonly tailMs?: number } = {},
): Promise<SyntheticTrack> {
  const parts: { file: string; lengthMs: number; start: number; end: number; rms: number }[] = [];
  for (const [index, sentence] of sentences.entries()) {
    const file = join(folder, `${name}-${index}.wav`);
    await run('espeak-ng', ['-v', sentence.voice, '-w', file, sentence.text]);
    const audio = readWav(await readFile(file));
    const span = loudSpan(audio.samples, audio.sampleRate);
    parts.push({ file, lengthMs: (audio.samples.length * 1000) / audio.sampleRate, ...span });
  }
  const truth: { start: number; end: number }[] = [];
  const delays: number[] = [];
  let at = 0;
  sentences.forEach((sentence, index) => {
    const part = parts[index]!;
    // The pause is between the sound of one sentence and the next, not between espeak-ng's files.
    const previousEnd = truth[truth.length - 1]?.end ?? 0;
    const delay = Math.max(at, previousEnd + sentence.pauseMs - part.start);
    delays.push(Math.round(delay));
    truth.push({ start: Math.round(delay) + part.start, end: Math.round(delay) + part.end });
    at = Math.round(delay) + part.lengthMs;
  });
  const durationMs = Math.ceil(at + (options.tailMs ?? 1500));
  const rms = Math.sqrt(parts.reduce((sum, part) => sum + part.rms ** 2, 0) / parts.length);
  const inputs = parts.flatMap((part) => ['-i', part.file]);
  const chains = parts.map((_, index) => `[${index}:a]aresample=22050,adelay=${delays[index]}:all=1[s${index}]`);
  let mix = `${parts.map((_, index) => `[s${index}]`).join('')}amix=inputs=${parts.length}:normalize=0:duration=longest,apad=whole_dur=${durationMs / 1000}[speech]`;
  let last = '[speech]';
  if (options.snrDb !== undefined) {
    // Uniform white noise of amplitude A has an RMS of A/√3.
    const amplitude = (rms / 10 ** (options.snrDb / 20)) * Math.sqrt(3);
    chains.push(
      `anoisesrc=color=white:sample_rate=22050:amplitude=${amplitude.toFixed(6)}:duration=${durationMs / 1000}:seed=7[noise]`,
    );
    mix += `;[speech][noise]amix=inputs=2:normalize=0:duration=first[mixed]`;
    last = '[mixed]';
  }
  const file = join(folder, `${name}.${options.extension ?? 'wav'}`);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    ...inputs,
    '-filter_complex',
    [...chains, mix].join(';'),
    '-map',
    last,
    '-ac',
    '1',
    file,
  ]);
  return { file, truth, durationMs };
}

/** Sentences in English and Korean, with pauses from 0.4 to 3 s, as the tests and the benchmark speak them. */
export const SENTENCES: ReadonlyArray<SpokenSentence> = [
  { voice: 'en', pauseMs: 1200, text: 'The soldiers crossed the river before dawn.' },
  { voice: 'ko', pauseMs: 700, text: '저는 대한민국 육군 병사입니다.' },
  { voice: 'en', pauseMs: 400, text: 'Nobody expected the bridge to hold.' },
  { voice: 'ko', pauseMs: 2000, text: '여러분은 살아서 가족에게 돌아가야 합니다.' },
  { voice: 'en', pauseMs: 500, text: 'We will treat every prisoner with respect.' },
  { voice: 'ko', pauseMs: 3000, text: '한국에 오면 새로운 삶을 시작할 수 있습니다.' },
  { voice: 'en', pauseMs: 900, text: 'Please listen carefully to this message.' },
  { voice: 'ko', pauseMs: 450, text: '우리는 같은 민족입니다.' },
];
