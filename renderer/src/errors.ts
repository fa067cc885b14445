/** A problem found in the interface itself (a time that does not parse…), worded from the locales when shown. */
export class LocalizedError extends Error {
  constructor(
    readonly key: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(key);
    this.name = 'LocalizedError';
  }
}
