import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { FFMPEG_BINARY } from './audio';
import { FileError, toFileError, writeFileAtomic } from './files';

/** A waveform's outline: the lowest and highest sample in each bucket, in −1..1. */
export interface Peaks {
  readonly peaksPerSecond: number;
  /** The whole file's duration, also when these are the peaks of a part of it. */
  readonly durationMs: number;
  /** Where the first bucket starts: 0 for the whole file, the first bucket of a window otherwise. */
  readonly fromMs: number;
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

/** Version 2: 16-bit values with their count in the header (version 1 kept floats and no count). */
const CACHE_VERSION = 2;
const CACHE_MAGIC = 0x4b505253; // "SRPK", little-endian
const HEADER_BYTES = 24;

/** Whole-file computations under way, by cache file, so that callers asking at once share one decode. */
const computing = new Map<string, Promise<Peaks>>();

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
  const { stderr } = await run(binary, ['-hide_banner', '-nostdin', '-i', file]).catch((error: unknown) => {
    throw new FileError(file, `cannot run ffmpeg to read it (${String(error)})`, 'io', {
      problem: { code: 'media-unreadable', params: { detail: 'ffmpeg' } },
    });
  });
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

/** 16-bit outlines as computed: `min[i]`, `max[i]` for bucket i; a bucket no sample reached stays 0. */
interface RawPeaks {
  readonly min: Int16Array;
  readonly max: Int16Array;
}

/** What every part of one decode shares. */
interface DecodeSource {
  readonly file: string;
  readonly binary: string;
  readonly sampleRate: number;
  readonly peaksPerSecond: number;
}

/**
 * Decodes buckets `[first, first + count)` to mono 16-bit and folds each into its lowest and highest sample.
 *
 * ffmpeg starts at the first bucket's time (`-ss` before `-i` seeks, then
 * decodes exactly from there) and streams raw samples through a pipe; they
 * are folded as they arrive, so nothing the size of the sound is kept.
 * Bucket k ends at sample round((first + k + 1) · rate / peaksPerSecond),
 * counted from the file's start, so buckets stay on time whatever the rate
 * (22 050 Hz at 100 per second is 220.5 samples a bucket).
 */
function peaksOfPart(source: DecodeSource, first: number, count: number): Promise<RawPeaks> {
  const { file, binary, sampleRate, peaksPerSecond } = source;
  return new Promise((resolvePart, reject) => {
    const fromSeconds = first / peaksPerSecond;
    const args = ['-nostdin', '-v', 'error', '-ss', fromSeconds.toFixed(6), '-t', (count / peaksPerSecond).toFixed(6)];
    // Without -flush_packets 0 every AAC frame (2 KB) is its own write, and reading them cost more than folding them.
    args.push(
      '-i',
      file,
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-ac',
      '1',
      '-flush_packets',
      '0',
      '-f',
      's16le',
      'pipe:1',
    );
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const min = new Int16Array(count);
    const max = new Int16Array(count);
    const startSample = Math.round((first * sampleRate) / peaksPerSecond);
    /** The sample (counted from this part's start) where bucket `index` ends. */
    const edgeOf = (index: number): number =>
      Math.round(((first + index + 1) * sampleRate) / peaksPerSecond) - startSample;
    let index = 0;
    let edge = edgeOf(0);
    let seen = 0;
    let low = 32767;
    let high = -32768;
    let odd: number | undefined;
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (errors.length < 4000) errors += text;
    });
    /** Folds samples into buckets: a tight loop per bucket, since a two-hour file has hundreds of millions. */
    const fold = (samples: Int16Array): void => {
      let position = 0;
      const length = samples.length;
      while (position < length && index < count) {
        const end = Math.min(length, position + (edge - seen));
        let lowest = low;
        let highest = high;
        for (let at = position; at < end; at++) {
          const value = samples[at] as number;
          if (value < lowest) lowest = value;
          if (value > highest) highest = value;
        }
        seen += end - position;
        position = end;
        low = lowest;
        high = highest;
        if (seen === edge) {
          min[index] = low;
          max[index] = high;
          index++;
          edge = edgeOf(index);
          low = 32767;
          high = -32768;
        }
      }
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
    child.once('error', (error) => {
      reject(
        new FileError(file, `cannot run ffmpeg to read it (${error.message})`, 'io', {
          problem: { code: 'media-unreadable', params: { detail: 'ffmpeg' } },
        }),
      );
    });
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
      if (seen > 0 && index < count) {
        min[index] = low;
        max[index] = high;
      }
      resolvePart({ min, max });
    });
  });
}

/** Decodes buckets `[first, first + count)` in up to `parallel` parts at once, each starting on a bucket. */
async function decodeBuckets(source: DecodeSource, first: number, count: number, parallel: number): Promise<RawPeaks> {
  const { peaksPerSecond } = source;
  // A part shorter than a minute is not worth another ffmpeg.
  const parts = Math.max(1, Math.min(parallel, Math.ceil(count / (60 * peaksPerSecond))));
  const perPart = Math.ceil(count / parts);
  const jobs: Promise<RawPeaks>[] = [];
  for (let part = 0; part < parts; part++) {
    const size = Math.min(perPart, count - part * perPart);
    if (size <= 0) break;
    jobs.push(peaksOfPart(source, first + part * perPart, size));
  }
  const results = await Promise.all(jobs);
  const min = new Int16Array(count);
  const max = new Int16Array(count);
  results.forEach((result, part) => {
    min.set(result.min, part * perPart);
    max.set(result.max, part * perPart);
  });
  return { min, max };
}

/** 16-bit samples as −1..1 (a plain loop: `Float32Array.from` with a function took a quarter of a second here). */
function toUnit(values: Int16Array): Float32Array {
  const unit = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++) unit[index] = (values[index] as number) / 32768;
  return unit;
}

function toPeaks(raw: RawPeaks, peaksPerSecond: number, durationMs: number, first: number): Peaks {
  return {
    peaksPerSecond,
    durationMs,
    fromMs: (first * 1000) / peaksPerSecond,
    min: toUnit(raw.min),
    max: toUnit(raw.max),
  };
}

interface CacheEntry {
  /** The cache file for the media file as it is now. */
  readonly file: string;
  /** The start of the names of this media file's cache files at this resolution, whatever its version. */
  readonly prefix: string;
  readonly size: number;
  readonly modifiedMs: number;
}

async function statMedia(file: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new FileError(file, 'is a folder, not a file', 'bad-file', { problem: { code: 'is-folder' } });
    }
    return info;
  } catch (error) {
    throw toFileError(file, error);
  }
}

/**
 * The cache file for a media file: named by its path and resolution, then its size and time of change.
 *
 * A changed file gets another name, so it is decoded again; the stale
 * entry (same path and resolution, another size or time) is removed when
 * the new one is written, so the folder holds one entry per file and resolution.
 */
async function cacheEntryOf(file: string, folder: string, peaksPerSecond: number): Promise<CacheEntry> {
  const info = await statMedia(file);
  const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const prefix = `${hash(resolve(file)).slice(0, 32)}-${peaksPerSecond}-`;
  const version = hash([CACHE_VERSION, info.size, info.mtimeMs]).slice(0, 16);
  return { file: join(folder, `${prefix}${version}.peaks`), prefix, size: info.size, modifiedMs: info.mtimeMs };
}

function encode(raw: RawPeaks, peaksPerSecond: number, durationMs: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(CACHE_MAGIC, 0);
  header.writeUInt32LE(CACHE_VERSION, 4);
  header.writeUInt32LE(peaksPerSecond, 8);
  header.writeUInt32LE(raw.min.length, 12);
  header.writeDoubleLE(durationMs, 16);
  const bytes = (values: Int16Array): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return Buffer.concat([header, bytes(raw.min), bytes(raw.max)]);
}

/** A cache file's peaks; undefined for anything that is not a whole entry of this version and resolution. */
function decode(bytes: Buffer, peaksPerSecond: number): { raw: RawPeaks; durationMs: number } | undefined {
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== CACHE_MAGIC) return undefined;
  if (bytes.readUInt32LE(4) !== CACHE_VERSION || bytes.readUInt32LE(8) !== peaksPerSecond) return undefined;
  const count = bytes.readUInt32LE(12);
  const durationMs = bytes.readDoubleLE(16);
  if (bytes.length !== HEADER_BYTES + count * 4 || count !== Math.ceil((durationMs / 1000) * peaksPerSecond)) {
    return undefined;
  }
  const values = new Int16Array(count * 2);
  new Uint8Array(values.buffer).set(bytes.subarray(HEADER_BYTES));
  return { raw: { min: values.subarray(0, count), max: values.subarray(count) }, durationMs };
}

async function readCache(entry: CacheEntry, peaksPerSecond: number) {
  return readFile(entry.file).then(
    (bytes) => decode(bytes, peaksPerSecond),
    () => undefined,
  );
}

/** Writes a cache entry, unless the media changed while it was decoded; then removes the stale entries. */
async function writeCache(
  media: string,
  folder: string,
  entry: CacheEntry,
  raw: RawPeaks,
  peaksPerSecond: number,
  durationMs: number,
): Promise<void> {
  const now = await statMedia(media);
  if (now.size !== entry.size || now.mtimeMs !== entry.modifiedMs) return;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFileAtomic(entry.file, encode(raw, peaksPerSecond, durationMs));
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(entry.prefix) && join(folder, name) !== entry.file);
  await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
}

/** The resolution that is decoded and cached; any that divides it is folded from it. */
const BASE_PEAKS_PER_SECOND = 100;

/** How many base buckets make one at `peaksPerSecond`, when that divides the base (20 per second: 5). */
function coarseFactorOf(peaksPerSecond: number): number | undefined {
  return peaksPerSecond < BASE_PEAKS_PER_SECOND && BASE_PEAKS_PER_SECOND % peaksPerSecond === 0
    ? BASE_PEAKS_PER_SECOND / peaksPerSecond
    : undefined;
}

/** Folds every `factor` buckets into one, from the first: an overview from the same decode and cache entry. */
function coarsen(peaks: Peaks, factor: number): Peaks {
  const count = Math.ceil(peaks.min.length / factor);
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  for (let bucket = 0; bucket < count; bucket++) {
    const end = Math.min(peaks.min.length, (bucket + 1) * factor);
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (let at = bucket * factor; at < end; at++) {
      lowest = Math.min(lowest, peaks.min[at] as number);
      highest = Math.max(highest, peaks.max[at] as number);
    }
    min[bucket] = lowest;
    max[bucket] = highest;
  }
  return { ...peaks, peaksPerSecond: peaks.peaksPerSecond / factor, min, max };
}

function resolutionOf(options: PeaksOptions): number {
  const peaksPerSecond = options.peaksPerSecond ?? 100;
  if (!Number.isInteger(peaksPerSecond) || peaksPerSecond < 1 || peaksPerSecond > 1000) {
    throw new RangeError(`peaks per second must be a whole number from 1 to 1000, not ${peaksPerSecond}`);
  }
  return peaksPerSecond;
}

async function computeWhole(file: string, options: PeaksOptions, entry: CacheEntry | undefined): Promise<Peaks> {
  const peaksPerSecond = resolutionOf(options);
  const binary = options.ffmpeg ?? FFMPEG_BINARY;
  const { sampleRate, durationMs } = await describe(file, binary);
  const total = Math.ceil((durationMs / 1000) * peaksPerSecond);
  const source = { file, binary, sampleRate, peaksPerSecond };
  const raw = await decodeBuckets(source, 0, total, options.parallel ?? availableParallelism());
  if (entry !== undefined && options.cacheFolder !== undefined) {
    await writeCache(file, options.cacheFolder, entry, raw, peaksPerSecond, durationMs);
  }
  return toPeaks(raw, peaksPerSecond, durationMs, 0);
}

/**
 * A media file's waveform peaks, computed with ffmpeg once and then read from the cache.
 *
 * The file is cut into as many parts as there are CPUs, each decoded by its
 * own ffmpeg (audio decoding is single-threaded). A resolution that divides
 * 100 per second (50, 20, 10, …: an overview) is folded from the 100 per
 * second ones, so it costs no decode of its own. The cache
 * (`<cacheFolder>/<path hash>-<peaks per second>-<size and time hash>.peaks`)
 * is keyed by the file's path, size and time of change and the resolution;
 * callers asking for the same file at once share one decode.
 */
export async function computePeaks(file: string, options: PeaksOptions = {}): Promise<Peaks> {
  const peaksPerSecond = resolutionOf(options);
  const factor = coarseFactorOf(peaksPerSecond);
  if (factor !== undefined) {
    return coarsen(await computePeaks(file, { ...options, peaksPerSecond: BASE_PEAKS_PER_SECOND }), factor);
  }
  if (options.cacheFolder === undefined) {
    await statMedia(file);
    return computeWhole(file, options, undefined);
  }
  const entry = await cacheEntryOf(file, options.cacheFolder, peaksPerSecond);
  const cached = await readCache(entry, peaksPerSecond);
  if (cached !== undefined) return toPeaks(cached.raw, peaksPerSecond, cached.durationMs, 0);
  const running = computing.get(entry.file);
  if (running !== undefined) return running;
  const work = computeWhole(file, options, entry).finally(() => computing.delete(entry.file));
  computing.set(entry.file, work);
  return work;
}

/**
 * The peaks of `[fromMs, toMs)` only, for the part of the waveform in view while the whole is computed.
 *
 * From the cache when the whole file's peaks are there; otherwise only that
 * stretch is decoded (a minute of sound takes a few tens of milliseconds),
 * and nothing is cached. The buckets are the same as the whole file's:
 * the window widens to whole buckets, and `fromMs` says where the first starts.
 */
export async function computePeaksBetween(
  file: string,
  fromMs: number,
  toMs: number,
  options: PeaksOptions = {},
): Promise<Peaks> {
  const peaksPerSecond = resolutionOf(options);
  if (!(fromMs >= 0 && toMs > fromMs)) {
    throw new RangeError(`a window of peaks needs 0 ≤ from < to, not ${fromMs}–${toMs} ms`);
  }
  const factor = coarseFactorOf(peaksPerSecond);
  if (factor !== undefined) {
    // Whole coarse buckets, in whole milliseconds (1000 / peaksPerSecond is a multiple of 10 here).
    const bucketMs = 1000 / peaksPerSecond;
    const from = Math.floor(fromMs / bucketMs) * bucketMs;
    const to = Math.ceil(toMs / bucketMs) * bucketMs;
    const base = await computePeaksBetween(file, from, to, { ...options, peaksPerSecond: BASE_PEAKS_PER_SECOND });
    return coarsen(base, factor);
  }
  const slice = (raw: RawPeaks, durationMs: number): Peaks => {
    const total = raw.min.length;
    const first = Math.min(total, Math.floor((fromMs * peaksPerSecond) / 1000));
    const last = Math.min(total, Math.ceil((toMs * peaksPerSecond) / 1000));
    return toPeaks(
      { min: raw.min.subarray(first, last), max: raw.max.subarray(first, last) },
      peaksPerSecond,
      durationMs,
      first,
    );
  };
  if (options.cacheFolder !== undefined) {
    const entry = await cacheEntryOf(file, options.cacheFolder, peaksPerSecond);
    const cached = await readCache(entry, peaksPerSecond);
    if (cached !== undefined) return slice(cached.raw, cached.durationMs);
  } else {
    await statMedia(file);
  }
  const binary = options.ffmpeg ?? FFMPEG_BINARY;
  const { sampleRate, durationMs } = await describe(file, binary);
  const total = Math.ceil((durationMs / 1000) * peaksPerSecond);
  const first = Math.min(total, Math.floor((fromMs * peaksPerSecond) / 1000));
  const last = Math.min(total, Math.ceil((toMs * peaksPerSecond) / 1000));
  if (last <= first)
    return toPeaks({ min: new Int16Array(0), max: new Int16Array(0) }, peaksPerSecond, durationMs, first);
  const parallel = options.parallel ?? availableParallelism();
  const source = { file, binary, sampleRate, peaksPerSecond };
  const raw = await decodeBuckets(source, first, last - first, parallel);
  return toPeaks(raw, peaksPerSecond, durationMs, first);
}
