import { randomUUID } from 'node:crypto';

/**
 * The bytes of JSON that hold exactly a value read from a file (a project
 * whose validation changed nothing), so an answer carrying that value can send
 * the bytes as they were read instead of writing 16 MB of JSON out again.
 * Held only as long as the value itself.
 */
const sources = new WeakMap<object, Uint8Array>();

/** Remembers that `bytes` (UTF-8 JSON, no byte order mark) hold exactly `value`. */
export function rememberJsonSource(value: object, bytes: Uint8Array): void {
  sources.set(value, bytes);
}

/**
 * A stand-in for JSON that is sent as it is, unread (see `answerBody`): the
 * web page reads and validates it. Over IPC it would be an empty object, so
 * only the web mode's answers carry one.
 */
export function unreadJson(bytes: Uint8Array): object {
  const standIn = Object.freeze({});
  sources.set(standIn, bytes);
  return standIn;
}

/**
 * The body of a web-mode answer: `JSON.stringify(envelope)` as UTF-8, except
 * that the project an answer carries, when it was read from a file that holds
 * exactly it, is written as that file's bytes.
 */
export function answerBody(envelope: unknown): Buffer {
  const project = projectOf(envelope);
  const source = project === undefined ? undefined : sources.get(project);
  if (source === undefined) return Buffer.from(JSON.stringify(envelope), 'utf8');
  // A marker no text can hold (a fresh random name), put where the project goes, then replaced by the bytes.
  const marker = `\u0000json-source-${randomUUID()}`;
  const text = JSON.stringify(envelope, (_key, value: unknown) => (value === project ? marker : value));
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + quoted.length) >= 0) return Buffer.from(JSON.stringify(envelope), 'utf8');
  return Buffer.concat([
    Buffer.from(text.slice(0, at), 'utf8'),
    source,
    Buffer.from(text.slice(at + quoted.length), 'utf8'),
  ]);
}

function projectOf(envelope: unknown): object | undefined {
  if (typeof envelope !== 'object' || envelope === null) return undefined;
  const value = (envelope as { readonly value?: unknown }).value;
  if (typeof value !== 'object' || value === null) return undefined;
  const project = (value as { readonly project?: unknown }).project;
  return typeof project === 'object' && project !== null ? project : undefined;
}
