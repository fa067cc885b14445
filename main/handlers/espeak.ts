import { spawn } from 'node:child_process';
import { assertNever, type Language } from '../../src/languages';

/** Debian's and Homebrew's name for the binary; found on the PATH. */
export const ESPEAK_BINARY = 'espeak-ng';

/** Synthesising is CPU-bound and short; two at a time keeps the machine responsive. */
const CONCURRENCY = 2;

/** A line that takes longer than this to synthesise has hung espeak-ng. */
const TIMEOUT_MS = 60_000;

/**
 * A sample louder than this (0.5 % of full scale) is speech, not espeak-ng's padding.
 *
 * espeak-ng pads with digital near-silence (|sample| below about 30 of
 * 32767); its quietest fricatives at the edges of a word are still well above.
 */
const SILENCE_THRESHOLD = 0.005;

/** The voice for each language, as `espeak-ng --voices` lists them (espeak-ng 1.51). */
export function espeakVoice(language: Language): string {
  switch (language) {
    case 'en':
      return 'en-us';
    case 'ko':
      return 'ko';
    case 'uk':
      return 'uk';
    case 'ru':
      return 'ru';
    default:
      return assertNever(language);
  }
}

export interface MeasureItem {
  /** Names the result, e.g. a segment id. */
  readonly key: string;
  readonly text: string;
  readonly language: Language;
}

export interface MeasureOptions {
  /** espeak-ng's `-s`; its own default (175) when absent. */
  readonly wordsPerMinute?: number | undefined;
  /** The program to run; `espeak-ng` on the PATH by default. */
  readonly binary?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A WAV file's length, and the stretch between its first and last loud sample. */
export interface WavDuration {
  readonly totalMs: number;
  readonly speechMs: number;
}

/** Whether espeak-ng can be run: the export dialog offers measuring only then. */
export async function espeakAvailable(binary: string = ESPEAK_BINARY): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
  });
}

/**
 * Reads the duration of a PCM WAV and of the speech inside it.
 *
 * espeak-ng writes to a pipe, so it cannot go back to fill in the sizes:
 * its RIFF and data sizes are placeholders (0x7FFFF000 in 1.51; 0 or
 * 0xFFFFFFFF from other streaming writers). A data size that is zero, all
 * ones or past the end of the bytes is replaced by the bytes actually there.
 * Speech is from the first to the last sample above `SILENCE_THRESHOLD`
 * (16-bit PCM; other sample formats give the whole length).
 */
export function readWavDuration(wav: Uint8Array): WavDuration {
  if (wav.length === 0) return { totalMs: 0, speechMs: 0 };
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...wav.subarray(offset, offset + 4));
  if (wav.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('espeak-ng did not write a WAV file');
  let format: { channels: number; sampleRate: number; byteRate: number; blockAlign: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = tag(offset);
    const declared = view.getUint32(offset + 4, true);
    const bodyStart = offset + 8;
    if (id === 'fmt ') {
      if (bodyStart + 16 > wav.length) break;
      format = {
        channels: view.getUint16(bodyStart + 2, true),
        sampleRate: view.getUint32(bodyStart + 4, true),
        byteRate: view.getUint32(bodyStart + 8, true),
        blockAlign: view.getUint16(bodyStart + 12, true),
        bits: view.getUint16(bodyStart + 14, true),
      };
    } else if (id === 'data') {
      if (format === undefined || format.byteRate === 0) throw new Error('espeak-ng wrote a WAV file without a format');
      const available = wav.length - bodyStart;
      const size = declared === 0 || declared === 0xffffffff || declared > available ? available : declared;
      const totalMs = (size / format.byteRate) * 1000;
      return { totalMs, speechMs: speechMs(view, bodyStart, size, format, totalMs) };
    }
    offset = bodyStart + declared + (declared % 2);
  }
  throw new Error('espeak-ng wrote a WAV file without audio');
}

function speechMs(
  view: DataView,
  start: number,
  size: number,
  format: {
    readonly channels: number;
    readonly sampleRate: number;
    readonly blockAlign: number;
    readonly bits: number;
  },
  totalMs: number,
): number {
  if (format.bits !== 16 || format.channels < 1 || format.blockAlign < 2 * format.channels || format.sampleRate === 0)
    return totalMs;
  const threshold = SILENCE_THRESHOLD * 32768;
  const frames = Math.floor(size / format.blockAlign);
  const loud = (frame: number): boolean => {
    for (let channel = 0; channel < format.channels; channel += 1) {
      if (Math.abs(view.getInt16(start + frame * format.blockAlign + channel * 2, true)) > threshold) return true;
    }
    return false;
  };
  let first = 0;
  while (first < frames && !loud(first)) first += 1;
  if (first === frames) return 0;
  let last = frames - 1;
  while (last > first && !loud(last)) last -= 1;
  return ((last - first + 1) / format.sampleRate) * 1000;
}

/** Runs espeak-ng on one text and collects the WAV it writes. */
function synthesise(item: MeasureItem, options: MeasureOptions): Promise<Buffer> {
  const binary = options.binary ?? ESPEAK_BINARY;
  // The text goes in on stdin, so nothing in it can be read as an option.
  const args = ['-v', espeakVoice(item.language), '--stdout', '--stdin'];
  if (options.wordsPerMinute !== undefined) args.push('-s', String(Math.round(options.wordsPerMinute)));
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    child.stdin.on('error', () => {
      // espeak-ng exiting early closes the pipe; the exit code reports why.
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(new Error('espeak-ng: measuring was canceled'));
      else if (error.code === 'ENOENT') reject(new Error(`espeak-ng is not installed (${binary} not found)`));
      else reject(new Error(`espeak-ng could not be started: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(chunks));
        return;
      }
      if (options.signal?.aborted === true) {
        reject(new Error('espeak-ng: measuring was canceled'));
        return;
      }
      const detail =
        stderr
          .trim()
          .split(/\r?\n/u)[0]
          ?.replace(/^Error:\s*/u, '') ?? '';
      const how = signal === null ? `exit code ${code ?? '?'}` : `stopped by ${signal}`;
      reject(
        new Error(
          `espeak-ng failed on "${item.key}" (voice ${espeakVoice(item.language)}, ${how})${detail === '' ? '' : `: ${detail}`}`,
        ),
      );
    });
    child.stdin.end(item.text, 'utf8');
  });
}

/**
 * Measures how long espeak-ng takes to say each text, in whole milliseconds of speech.
 *
 * The leading and trailing silence espeak-ng adds is trimmed (see
 * `readWavDuration`), so the figure compares with a cue's slot. Runs at
 * most two espeak-ng processes at a time; the first failure stops the rest
 * and rejects with a one-line `Error` naming espeak-ng. Blank texts take no
 * time and start no process.
 */
export async function measureSpeakingMs(
  items: ReadonlyArray<MeasureItem>,
  options: MeasureOptions = {},
): Promise<Record<string, number>> {
  const results = Object.create(null) as Record<string, number>;
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next];
      next += 1;
      if (item === undefined) continue;
      if (options.signal?.aborted === true) throw new Error('espeak-ng: measuring was canceled');
      if (item.text.trim() === '') {
        results[item.key] = 0;
        continue;
      }
      try {
        const wav = await synthesise(item, options);
        results[item.key] = Math.round(readWavDuration(wav).speechMs);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
