import type { i18n as I18n, TFunction } from 'i18next';

/** A message cut at its placeholders: text, or the name of the value that goes there. */
type Part = string | { readonly name: string };

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/gu;

/** Options that change how i18next finds or writes a message: a message asked for with one goes to i18next. */
const CONTROL_OPTIONS: ReadonlySet<string> = new Set([
  'context',
  'defaultValue',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keyPrefix',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'replace',
  'ordinal',
]);

/**
 * `t` for one interface language, for the grid's cells: the same strings as
 * i18next's, found without its per-call work.
 *
 * Opening a big project drew ~60 cells, each asking for a dozen labels and
 * measures, and each key asks a cell for five: i18next resolves every call
 * from the key up (namespaces, fallbacks, plural rules, interpolation
 * options), some 50–80 µs a call here. This keeps each message of the
 * current language cut at its `{{placeholders}}`, picks a plural form with
 * `Intl.PluralRules` as i18next does, and writes the values in with
 * `String()` (the interface does not escape: React does). Anything else
 * goes to i18next's own `t`: a message missing in this language (its
 * fallback), a nested `$t(…)` or a formatted `{{value, format}}`, a count
 * of 0 (which may have a `_zero` form), an option that changes the lookup,
 * a missing or non-scalar value.
 */
export function createFastT(i18n: I18n, t: TFunction): TFunction {
  const language = i18n.language;
  const templates = new Map<string, ReadonlyArray<Part> | null>();
  let plurals: Intl.PluralRules | undefined;

  const templateOf = (key: string): ReadonlyArray<Part> | null => {
    let parts = templates.get(key);
    if (parts === undefined) {
      const text: unknown = i18n.getResource(language, 'translation', key);
      parts = typeof text === 'string' && isPlain(text) ? cut(text) : null;
      templates.set(key, parts);
    }
    return parts;
  };

  const fast = (key: unknown, options?: unknown): string => {
    const slow = (): string => (t as (key: unknown, options?: unknown) => string)(key, options);
    if (typeof key !== 'string') return slow();
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      return slow();
    }
    const values = options as Readonly<Record<string, unknown>> | undefined;
    let found = key;
    if (values !== undefined) {
      for (const name in values) if (CONTROL_OPTIONS.has(name)) return slow();
      if ('count' in values) {
        const count = values['count'];
        if (typeof count !== 'number' || !Number.isFinite(count) || count === 0) return slow();
        plurals ??= new Intl.PluralRules(language);
        found = `${key}_${plurals.select(count)}`;
      }
    }
    const parts = templateOf(found);
    if (parts === null) return slow();
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = values?.[part.name];
      if (typeof value === 'string') text += value;
      else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        text += String(value);
      else return slow();
    }
    return text;
  };
  return fast as unknown as TFunction;
}

/** A message with nothing but text and `{{name}}` placeholders. */
function isPlain(text: string): boolean {
  if (text.includes('$t(')) return false;
  for (const match of text.matchAll(/\{\{([^{}]*)\}\}/gu)) {
    const inside = (match[1] ?? '').trim();
    if (inside === '' || inside.startsWith('-') || inside.includes(',')) return false;
  }
  return true;
}

function cut(text: string): ReadonlyArray<Part> {
  const parts: Part[] = [];
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push({ name: match[1] ?? '' });
    from = match.index + match[0].length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
