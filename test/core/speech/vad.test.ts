import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEECH_DETECTION, speechFromProbabilities, VAD_FRAME_MS, vadInput } from '../../../src/speech/vad';
import { readWav, resample, WavError } from '../../../src/speech/wav';

/** Probabilities for frames: `#` speech (0.9), `-` between the thresholds (0.4), `.` silence (0.05). */
function frames(pattern: string): number[] {
  return pattern.split('').map((c) => (c === '#' ? 0.9 : c === '-' ? 0.4 : 0.05));
}

const NO_PAD = { ...DEFAULT_SPEECH_DETECTION, padMs: 0 };

describe('speechFromProbabilities', () => {
  it('starts speech at the first frame over the threshold and ends it where a long enough pause begins', () => {
    // 32 ms frames: speech from frame 3 to 12, a pause of 10 frames (320 ms), speech from 23 to 32.
    const speech = speechFromProbabilities(frames('...##########..........##########...'), NO_PAD);
    expect(speech).toEqual([
      { start: Math.round(3 * VAD_FRAME_MS), end: Math.round(13 * VAD_FRAME_MS) },
      { start: Math.round(23 * VAD_FRAME_MS), end: Math.round(33 * VAD_FRAME_MS) },
    ]);
  });

  it('keeps a pause shorter than the minimum silence inside the speech (the hangover)', () => {
    // 6 frames = 192 ms < 250 ms.
    expect(speechFromProbabilities(frames('..##########......##########..'), NO_PAD)).toHaveLength(1);
  });

  it('does not end speech on frames between the two thresholds', () => {
    expect(speechFromProbabilities(frames('..#####----------#####..'), NO_PAD)).toHaveLength(1);
  });

  it('leaves out stretches shorter than the minimum speech', () => {
    expect(speechFromProbabilities(frames('....###..............'), NO_PAD)).toEqual([]);
  });

  it('pads stretches without crossing into a neighbour or past the end', () => {
    const speech = speechFromProbabilities(frames('##########.........##########'), { ...NO_PAD, padMs: 200 }, 29 * 32);
    expect(speech[0]?.start).toBe(0);
    expect(speech[0]?.end).toBeLessThanOrEqual(speech[1]?.start ?? 0);
    expect(speech[1]?.end).toBe(29 * 32);
  });
});

describe('vadInput', () => {
  it('puts the 64 samples before the frame first, silence before the start and after the end', () => {
    const samples = Float32Array.from({ length: 600 }, (_, i) => i);
    const first = vadInput(samples, 0);
    expect(first).toHaveLength(576);
    expect(first[63]).toBe(0);
    expect(first[64]).toBe(0);
    expect(first[65]).toBe(1);
    const second = vadInput(samples, 512);
    expect(second[0]).toBe(448);
    expect(second[64 + 87]).toBe(599);
    expect(second[64 + 88]).toBe(0);
  });
});

function wav(
  format: number,
  channels: number,
  rate: number,
  bits: number,
  data: Uint8Array,
  dataSize = data.length,
): Uint8Array {
  const bytes = new Uint8Array(44 + data.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('RIFF'), 0);
  view.setUint32(4, 36 + data.length, true);
  bytes.set(new TextEncoder().encode('WAVEfmt '), 8);
  view.setUint32(16, 16, true);
  view.setUint16(20, format, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, (rate * channels * bits) / 8, true);
  view.setUint16(32, (channels * bits) / 8, true);
  view.setUint16(34, bits, true);
  bytes.set(new TextEncoder().encode('data'), 36);
  view.setUint32(40, dataSize, true);
  bytes.set(data, 44);
  return bytes;
}

describe('readWav', () => {
  it('mixes 16-bit stereo down to mono', () => {
    const data = new Uint8Array(8);
    const view = new DataView(data.buffer);
    view.setInt16(0, 16384, true);
    view.setInt16(2, 0, true);
    view.setInt16(4, -32768, true);
    view.setInt16(6, -32768, true);
    const audio = readWav(wav(1, 2, 44100, 16, data));
    expect(audio.sampleRate).toBe(44100);
    expect([...audio.samples]).toEqual([0.25, -1]);
  });

  it('reads 32-bit float and a streaming writer’s placeholder data size', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat32(0, 0.5, true);
    new DataView(data.buffer).setFloat32(4, -0.25, true);
    expect([...readWav(wav(3, 1, 16000, 32, data, 0x7ffff000)).samples]).toEqual([0.5, -0.25]);
  });

  it('refuses what is not WAV, and compressed WAV, saying why', () => {
    expect(() => readWav(new TextEncoder().encode('ID3 not a wav file'))).toThrow(WavError);
    expect(() => readWav(wav(85, 1, 16000, 16, new Uint8Array(4)))).toThrow(/format 85/u);
  });
});

describe('resample', () => {
  it('keeps the length in time and a constant level', () => {
    const samples = new Float32Array(44100).fill(0.5);
    const down = resample(samples, 44100, 16000);
    expect(down).toHaveLength(16000);
    expect(down.every((value) => Math.abs(value - 0.5) < 1e-6)).toBe(true);
    expect(resample(Float32Array.from([0, 1]), 1, 2)).toHaveLength(4);
  });
});
