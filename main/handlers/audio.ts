import { spawn } from 'node:child_process';
import { readWav, resample, WavError } from '../../src/speech/wav';
import { FileError, readFileBytes } from './files';

/** Debian's, Homebrew's and the Windows builds' name for the binary; found on the PATH. */
export const FFMPEG_BINARY = 'ffmpeg';

/** WAV files larger than this are not read whole without ffmpeg (about 1.5 hours of 16-bit stereo at 48 kHz). */
export const MAX_WAV_BYTES = 1024 * 1024 * 1024;

const availability = new Map<string, Promise<boolean>>();

/** Whether ffmpeg can be run (asked once per binary and run). */
export function ffmpegAvailable(binary: string = FFMPEG_BINARY): Promise<boolean> {
  let known = availability.get(binary);
  if (known === undefined) {
    known = new Promise((resolve) => {
      const child = spawn(binary, ['-version'], { stdio: 'ignore', timeout: 10_000 });
      child.once('error', () => resolve(false));
      child.once('close', (code) => resolve(code === 0));
    });
    availability.set(binary, known);
  }
  return known;
}

export interface DecodeOptions {
  /** The program to run; `ffmpeg` on the PATH by default; `false` reads WAV only. */
  readonly ffmpeg?: string | false | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A media file's sound as mono floats at `sampleRate`, in chunks, as it is decoded.
 *
 * With ffmpeg (where installed) any audio or video it reads, streamed so that
 * a two-hour file never sits in memory whole; without it, WAV files only
 * (read by `readWav`). Failures are `FileError`s naming the file.
 */
export async function* decodeMono(
  file: string,
  sampleRate: number,
  options: DecodeOptions = {},
): AsyncGenerator<Float32Array, void, undefined> {
  const binary = options.ffmpeg ?? FFMPEG_BINARY;
  if (binary !== false && (await ffmpegAvailable(binary))) {
    yield* decodeWithFfmpeg(file, sampleRate, binary, options.signal);
    return;
  }
  const bytes = await readFileBytes(file, MAX_WAV_BYTES);
  try {
    const audio = readWav(bytes);
    yield resample(audio.samples, audio.sampleRate, sampleRate);
  } catch (error) {
    if (error instanceof WavError) {
      throw new FileError(
        file,
        `${error.message}; without ffmpeg (not installed) only WAV files can be read`,
        'bad-file',
        {
          problem: { code: 'media-needs-ffmpeg', params: { detail: error.message } },
        },
      );
    }
    throw error;
  }
}

async function* decodeWithFfmpeg(
  file: string,
  sampleRate: number,
  binary: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Float32Array, void, undefined> {
  const args = [
    '-nostdin',
    '-v',
    'error',
    '-i',
    file,
    '-vn',
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-f',
    's16le',
    'pipe:1',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(signal === undefined ? {} : { signal }) });
  let errors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (errors.length < 4000) errors += text;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  let carry: Buffer | undefined;
  try {
    for await (const chunk of child.stdout) {
      let bytes = chunk as Buffer;
      if (carry !== undefined) {
        bytes = Buffer.concat([carry, bytes]);
        carry = undefined;
      }
      const whole = bytes.length - (bytes.length % 2);
      if (whole < bytes.length) carry = Buffer.from(bytes.subarray(whole));
      const samples = new Float32Array(whole / 2);
      for (let index = 0; index < samples.length; index++) samples[index] = bytes.readInt16LE(index * 2) / 32768;
      yield samples;
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited.catch((error: unknown) => {
    throw new FileError(file, `ffmpeg could not be run (${error instanceof Error ? error.message : String(error)})`);
  });
  if (code !== 0) {
    const detail = errors.trim().split('\n').pop() ?? `ffmpeg exited with ${String(code)}`;
    throw new FileError(file, `ffmpeg cannot read it (${detail})`, 'bad-file', {
      problem: { code: 'media-unreadable', params: { detail } },
    });
  }
}
