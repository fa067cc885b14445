import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { FFMPEG_BINARY } from './audio';
import { FileError, toFileError, writeFileAtomic } from './files';

/** A waveform's outline: the lowest and highest sample in each bucket, in −1..1. */
export interface Peaks {
  readonly peaksPerSecond: number;
  readonly durationMs: number;
  readonly min: Float32Array;
  readonly max: Float32Array;
}

export interface PeaksOptions {
  /** Buckets per second of sound; 100 by default (10 ms each). */
  readonly peaksPerSecond?: number | undefined;
  /** Where computed peaks are kept (beside the journals); no cache when undefined. */
  readonly cacheFolder?: string | undefined;
  readonly ffmpeg?: string | undefined;
  /** Decoders run at once on parts of the file; the number of CPUs by default. */
  readonly parallel?: number | undefined;
}

const CACHE_VERSION = 1;

function run(
  binary: string,
  args: ReadonlyArray<string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < 8000) stderr += text;
    });
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** The first audio stream's sample rate and the file's duration, read from ffmpeg's own description of it. */
async function describe(file: string, binary: string): Promise<{ sampleRate: number; durationMs: number }> {
  const { stderr } = await run(binary, ['-hide_banner', '-nostdin', '-i', file]);
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/u.exec(stderr);
  const rate = /Stream #[^\n]*Audio:[^\n]*?(\d+) Hz/u.exec(stderr);
  if (duration === null || rate === null) {
    const detail = stderr.trim().split('\n').pop() ?? 'no audio stream';
    throw new FileError(file, `has no audio ffmpeg can read (${detail})`, 'bad-file', {
      problem: { code: 'media-unreadable', params: { detail } },
    });
  }
  const [, hours = '0', minutes = '0', seconds = '0'] = duration;
  return {
    sampleRate: Number(rate[1]),
    durationMs: Math.round((Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000),
  };
}

/** Decodes `[fromMs, fromMs + lengthMs)` to mono 16-bit and folds it into buckets of `bucket` samples. */
function peaksOfPart(
  file: string,
  binary: string,
  fromMs: number,
  lengthMs: number,
  bucket: number,
  count: number,
): Promise<{ min: Float32Array; max: Float32Array }> {
  return new Promise((resolvePart, reject) => {
    const args = ['-nostdin', '-v', 'error', '-ss', (fromMs / 1000).toFixed(3), '-t', (lengthMs / 1000).toFixed(3)];
    args.push('-i', file, '-vn', '-ac', '1', '-f', 's16le', 'pipe:1');
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const min = new Float32Array(count);
    const max = new Float32Array(count);
    let low = 32767;
    let high = -32768;
    let odd: number | undefined;
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (errors.length < 4000) errors += text;
    });
    let inBucket = 0;
    let index = 0;
    /** Folds samples into buckets; a plain loop over locals, since a two-hour file has hundreds of millions. */
    const fold = (samples: Int16Array): void => {
      let lowest = low;
      let highest = high;
      let filled = inBucket;
      let at = index;
      for (let position = 0; position < samples.length; position++) {
        const value = samples[position] as number;
        if (value < lowest) lowest = value;
        if (value > highest) highest = value;
        if (++filled === bucket) {
          if (at < count) {
            min[at] = lowest / 32768;
            max[at] = highest / 32768;
          }
          at++;
          filled = 0;
          lowest = 32767;
          highest = -32768;
        }
      }
      low = lowest;
      high = highest;
      inBucket = filled;
      index = at;
    };
    child.stdout.on('data', (chunk: Buffer) => {
      let offset = 0;
      if (odd !== undefined && chunk.length > 0) {
        fold(Int16Array.of(((chunk[0] ?? 0) << 8) | odd));
        offset = 1;
        odd = undefined;
      }
      const end = offset + ((chunk.length - offset) & ~1);
      const bytes = chunk.subarray(offset, end);
      fold(
        bytes.byteOffset % 2 === 0
          ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2)
          : new Int16Array(Uint8Array.from(bytes).buffer),
      );
      if (end < chunk.length) odd = chunk[end];
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) {
        const detail = errors.trim().split('\n').pop() ?? `ffmpeg exited with ${String(code)}`;
        reject(
          new FileError(file, `ffmpeg cannot read it (${detail})`, 'bad-file', {
            problem: { code: 'media-unreadable', params: { detail } },
          }),
        );
        return;
      }
      if (inBucket > 0 && index < count) {
        min[index] = low / 32768;
        max[index] = high / 32768;
      }
      resolvePart({ min, max });
    });
  });
}

/** The cache file for a media file: its path, size and time of change, so that a changed file is read again. */
async function cacheFileOf(file: string, folder: string, peaksPerSecond: number): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw toFileError(file, error);
  }
  const key = createHash('sha256')
    .update(JSON.stringify([CACHE_VERSION, resolve(file), info.size, info.mtimeMs, peaksPerSecond]))
    .digest('hex');
  return join(folder, `${key}.peaks`);
}

function encode(peaks: Peaks): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32LE(CACHE_VERSION, 0);
  header.writeUInt32LE(peaks.peaksPerSecond, 4);
  header.writeDoubleLE(peaks.durationMs, 8);
  return Buffer.concat([header, Buffer.from(peaks.min.buffer), Buffer.from(peaks.max.buffer)]);
}

function decode(bytes: Buffer): Peaks | undefined {
  if (bytes.length < 16 || bytes.readUInt32LE(0) !== CACHE_VERSION || (bytes.length - 16) % 8 !== 0) return undefined;
  const count = (bytes.length - 16) / 8;
  const copy = new Float32Array(count * 2);
  new Uint8Array(copy.buffer).set(bytes.subarray(16));
  return {
    peaksPerSecond: bytes.readUInt32LE(4),
    durationMs: bytes.readDoubleLE(8),
    min: copy.subarray(0, count),
    max: copy.subarray(count),
  };
}

/**
 * A media file's waveform peaks, computed with ffmpeg once and then read from the cache.
 *
 * The file is cut into as many parts as there are CPUs, each decoded by its
 * own ffmpeg (audio decoding is single-threaded), so a two-hour file takes
 * seconds. The cache (`<cacheFolder>/<sha256>.peaks`) is keyed by the file's
 * path, size and time of change and the resolution.
 */
export async function computePeaks(file: string, options: PeaksOptions = {}): Promise<Peaks> {
  const peaksPerSecond = options.peaksPerSecond ?? 100;
  const cache =
    options.cacheFolder === undefined ? undefined : await cacheFileOf(file, options.cacheFolder, peaksPerSecond);
  if (cache !== undefined) {
    const cached = await readFile(cache).then(decode, () => undefined);
    if (cached !== undefined) return cached;
  }
  const binary = options.ffmpeg ?? FFMPEG_BINARY;
  const { sampleRate, durationMs } = await describe(file, binary);
  const bucket = Math.max(1, Math.round(sampleRate / peaksPerSecond));
  const total = Math.ceil((durationMs / 1000) * peaksPerSecond);
  const parts = Math.max(1, Math.min(options.parallel ?? availableParallelism(), Math.ceil(durationMs / 60_000)));
  // Parts start on bucket boundaries so that their buckets line up.
  const perPart = Math.ceil(total / parts);
  const jobs = [];
  for (let part = 0; part < parts; part++) {
    const first = part * perPart;
    const count = Math.min(perPart, total - first);
    if (count <= 0) break;
    jobs.push(
      peaksOfPart(file, binary, (first * 1000) / peaksPerSecond, (count * 1000) / peaksPerSecond, bucket, count),
    );
  }
  const results = await Promise.all(jobs);
  const min = new Float32Array(total);
  const max = new Float32Array(total);
  results.forEach((result, part) => {
    min.set(result.min, part * perPart);
    max.set(result.max, part * perPart);
  });
  const peaks = { peaksPerSecond, durationMs, min, max };
  if (cache !== undefined && options.cacheFolder !== undefined) {
    await mkdir(options.cacheFolder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(cache, encode(peaks));
  }
  return peaks;
}
