/** A WAV file's sound, mixed down to one channel. */
export interface MonoAudio {
  readonly sampleRate: number;
  /** Samples in −1..1. */
  readonly samples: Float32Array;
}

/** Why a file could not be read as WAV, in words that follow the file's name. */
export class WavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavError';
  }
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/**
 * Reads a RIFF WAV file: PCM at 8, 16, 24 or 32 bits, or 32/64-bit float, any number of channels.
 *
 * Channels are averaged into one. A data chunk whose size is a placeholder
 * (0, all ones, or past the end, as streaming writers leave it) runs to the
 * end of the bytes. Anything else (compressed WAV, not RIFF) is a `WavError`.
 */
export function readWav(bytes: Uint8Array): MonoAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new WavError('is not a WAV file (no RIFF/WAVE header)');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new WavError('has a broken "fmt " chunk');
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (format === undefined) throw new WavError('has its data before its "fmt " chunk');
      const length = size === 0 || size === 0xffffffff || body + size > bytes.length ? bytes.length - body : size;
      return { sampleRate: format.sampleRate, samples: mixDown(view, body, length, format) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavError('has no "data" chunk');
}

function mixDown(
  view: DataView,
  start: number,
  length: number,
  format: { readonly code: number; readonly channels: number; readonly sampleRate: number; readonly bits: number },
): Float32Array {
  const { code, channels, bits, sampleRate } = format;
  if (channels < 1 || sampleRate < 1) throw new WavError('declares no channels or no sample rate');
  const bytesPer = bits / 8;
  const read = sampleReader(view, code, bits);
  const frames = Math.floor(length / (bytesPer * channels));
  const samples = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) sum += read(start + (frame * channels + channel) * bytesPer);
    samples[frame] = sum / channels;
  }
  return samples;
}

function sampleReader(view: DataView, code: number, bits: number): (offset: number) => number {
  if (code === PCM && bits === 16) return (offset) => view.getInt16(offset, true) / 32768;
  if (code === PCM && bits === 8) return (offset) => (view.getUint8(offset) - 128) / 128;
  if (code === PCM && bits === 24) {
    return (offset) => {
      const value = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getInt8(offset + 2) << 16);
      return value / 8_388_608;
    };
  }
  if (code === PCM && bits === 32) return (offset) => view.getInt32(offset, true) / 2_147_483_648;
  if (code === FLOAT && bits === 32) return (offset) => view.getFloat32(offset, true);
  if (code === FLOAT && bits === 64) return (offset) => view.getFloat64(offset, true);
  throw new WavError(
    `uses a sample format Subrelay cannot read (format ${code}, ${bits} bits); install ffmpeg to read it`,
  );
}

/**
 * Resamples mono audio, averaging the input over each output sample's span when going down.
 *
 * The averaging is a simple low-pass filter, enough for speech detection and
 * waveforms; going up interpolates linearly.
 */
export function resample(samples: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return samples;
  const length = Math.floor((samples.length * to) / from);
  const output = new Float32Array(length);
  const step = from / to;
  for (let index = 0; index < length; index++) {
    const position = index * step;
    if (step <= 1) {
      const left = Math.floor(position);
      const fraction = position - left;
      output[index] = (samples[left] ?? 0) * (1 - fraction) + (samples[left + 1] ?? samples[left] ?? 0) * fraction;
      continue;
    }
    const first = Math.floor(position);
    const last = Math.min(samples.length, Math.floor(position + step));
    let sum = 0;
    for (let at = first; at < last; at++) sum += samples[at] ?? 0;
    output[index] = last > first ? sum / (last - first) : 0;
  }
  return output;
}
