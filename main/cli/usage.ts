/** Values a CLI message is worded with. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A usage problem (a missing or wrong argument): reported as one line, exit code 2.
 *
 * Carries the message as a code and its values, the shape of every other
 * problem: `cli.<code>` in the locales, worded in English by `words.ts` only
 * when it is printed, so that this module (which `index.ts` loads for every
 * call) needs no i18next. `withUsage` appends the usage text.
 */
export class UsageError extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
    readonly withUsage = false,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UsageError';
  }
}
