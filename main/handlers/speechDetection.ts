import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as OrtModule from 'onnxruntime-web';
import {
  DEFAULT_SPEECH_DETECTION,
  speechFromProbabilities,
  VAD_CONTEXT_SAMPLES,
  VAD_FRAME_SAMPLES,
  VAD_SAMPLE_RATE,
  type SpeechDetectionOptions,
} from '../../src/speech/vad';
import type { Timed } from '../../src/timing/timing';
import { decodeMono, type DecodeOptions } from './audio';

/** The Silero VAD versions `@ricky0123/vad-web` ships that share the 512-sample interface. */
export type SileroVersion = 'v5' | 'v6';

export interface DetectSpeechOptions extends DecodeOptions {
  readonly model?: SileroVersion | undefined;
  readonly detection?: SpeechDetectionOptions | undefined;
}

export interface DetectedSpeech {
  readonly speech: Timed[];
  /** The sound's length as decoded. */
  readonly durationMs: number;
  /** One speech probability per 32 ms frame, for tuning and tests. */
  readonly probabilities: Float32Array;
}

type Ort = typeof OrtModule;
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

let runtime: Promise<Ort> | undefined;
const sessions = new Map<SileroVersion, Promise<Session>>();

/** onnxruntime-web, on its WebAssembly backend with one thread (it runs in Node as well as in a page). */
function loadRuntime(): Promise<Ort> {
  runtime ??= import('onnxruntime-web').then((ort) => {
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    return ort;
  });
  return runtime;
}

/** The model file inside the npm package, so that detection works offline. */
export function sileroModelPath(version: SileroVersion): string {
  return createRequire(import.meta.url).resolve(`@ricky0123/vad-web/dist/silero_vad_${version}.onnx`);
}

function loadSession(version: SileroVersion): Promise<Session> {
  let session = sessions.get(version);
  if (session === undefined) {
    session = loadRuntime().then(async (ort) => ort.InferenceSession.create(await readFile(sileroModelPath(version))));
    sessions.set(version, session);
  }
  return session;
}

/**
 * Finds the speech in a media file with Silero VAD, frame by frame.
 *
 * The sound is decoded to 16 kHz mono (ffmpeg where installed, else WAV
 * only: see `decodeMono`) and fed to the model 512 samples at a time, each
 * frame with the 64 samples before it and the model's state carried from
 * frame to frame (inputs `input`, `state`, `sr`; outputs `output`,
 * `stateN`). The probabilities become stretches of speech in
 * `speechFromProbabilities`.
 */
export async function detectSpeech(file: string, options: DetectSpeechOptions = {}): Promise<DetectedSpeech> {
  const ort = await loadRuntime();
  const session = await loadSession(options.model ?? 'v5');
  let state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
  const rate = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]));
  const probabilities: number[] = [];
  const input = new Float32Array(VAD_CONTEXT_SAMPLES + VAD_FRAME_SAMPLES);
  let filled = 0;
  let total = 0;
  const run = async (): Promise<void> => {
    const output = await session.run({
      input: new ort.Tensor('float32', input.slice(), [1, input.length]),
      state,
      sr: rate,
    });
    const next = output['stateN'];
    const probability = output['output']?.data[0];
    if (next === undefined || typeof probability !== 'number') {
      throw new Error(`the Silero model gave no "output" or "stateN" (it gave ${Object.keys(output).join(', ')})`);
    }
    state = next as typeof state;
    probabilities.push(probability);
    // The next frame's context is this frame's last 64 samples.
    input.copyWithin(0, VAD_FRAME_SAMPLES);
    filled = 0;
  };
  for await (const chunk of decodeMono(file, VAD_SAMPLE_RATE, options)) {
    total += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(VAD_FRAME_SAMPLES - filled, chunk.length - offset);
      input.set(chunk.subarray(offset, offset + take), VAD_CONTEXT_SAMPLES + filled);
      filled += take;
      offset += take;
      if (filled === VAD_FRAME_SAMPLES) await run();
    }
  }
  if (filled > 0) {
    input.fill(0, VAD_CONTEXT_SAMPLES + filled);
    await run();
  }
  const durationMs = Math.round((total * 1000) / VAD_SAMPLE_RATE);
  const speech = speechFromProbabilities(probabilities, options.detection ?? DEFAULT_SPEECH_DETECTION, durationMs);
  return { speech, durationMs, probabilities: Float32Array.from(probabilities) };
}
