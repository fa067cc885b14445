import type { Language } from '../languages';
import { ABBREVIATIONS } from '../segment/abbreviations';
import { lineLength } from './rules';

export interface LineBreakOptions {
  readonly maxLineLength: number;
  readonly maxLines: number;
}

/**
 * Words a line is better started with than ended with: conjunctions and
 * prepositions (Netflix: break "before conjunctions" and "before prepositions").
 * Ending a line on one of them, or on an English article, leaves it dangling.
 */
const LINK_WORDS: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: new Set([
    'and',
    'but',
    'or',
    'because',
    'that',
    'which',
    'who',
    'to',
    'of',
    'in',
    'on',
    'at',
    'for',
    'with',
    'from',
  ]),
  ru: new Set(['и', 'а', 'но', 'или', 'что', 'чтобы', 'в', 'на', 'с', 'к', 'по', 'из', 'за', 'от', 'для']),
  uk: new Set([
    'і',
    'й',
    'та',
    'а',
    'але',
    'або',
    'що',
    'щоб',
    'в',
    'у',
    'на',
    'з',
    'до',
    'по',
    'із',
    'за',
    'від',
    'для',
  ]),
  ko: new Set(),
};

/**
 * Words that belong to the word after them and must not end a line: English
 * articles, Korean determiners and prenominal words ("약 1만 명", "새 삶", "두 달").
 */
const ARTICLES: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: new Set(['a', 'an', 'the']),
  ru: new Set(),
  uk: new Set(),
  ko: new Set(['약', '총', '각', '이', '그', '저', '새', '몇', '한', '두', '세', '네', '모든', '여러', '온갖']),
};

/**
 * Korean dependent nouns with their particles: they cannot start a line, being
 * bound to the modifier before them ("나설 수 있을", "받아들이는 데", "도울 것입니다").
 */
const KOREAN_BOUND_NOUN =
  /^(?:수|것|거|데|줄|바|뿐|때문|만큼|듯|척|채|김|탓|리)(?:가|이|은|는|을|를|도|만|에|에서|에게|으로|로|의|이다|입니다|이라고|이라는|이었|였|일|인|이에요|예요|이지만|이며|이고)?$/u;

/** Korean connective endings ("-고", "-며", "-지만"): a clause ends there, a natural place to break. */
const KOREAN_CONNECTIVE = /(?:고|며|면|서|지만|는데|니까|도록|거나|려고)$/u;

/** Scale words and units that belong to the number before them. */
const NUMBER_FOLLOWERS =
  /^(?:%|percent|per|thousands?|millions?|billions?|тис\.?|тисяч\p{L}*|тыс\.?|тысяч\p{L}*|мільйон\p{L}*|миллион\p{L}*|млн\.?|мільярд\p{L}*|миллиард\p{L}*|млрд\.?|відсот\p{L}*|процент\p{L}*)(?![\p{L}])/iu;

/** Where a line may break: a run of ordinary spaces (a no-break space never breaks). */
const BREAKABLE_SPACE = /[\t \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/gu;

/** Formatting tags: a space inside `<font color="red">` is not a place to break. */
const TAG = /<\/?[a-z][^<>]*>|\{\\[^{}]*\}/giu;

const OPENING = /^[\p{Ps}\p{Pi}"'«„‚]+/u;
const CLOSING = /[\p{Pe}\p{Pf}"'»]+$/u;

/**
 * Costs of a break point. Lower is better; a line's shape adds its own cost.
 *
 * The order follows the Netflix guides: after punctuation, then before a
 * conjunction or preposition, then anywhere else; and never leaving a
 * preposition, an article or an abbreviation at the end of a line, or
 * starting a line with a dash (which reads as a second speaker).
 */
const COST = {
  sentenceEnd: 0,
  clause: 1,
  beforeOpening: 2,
  beforeLink: 3,
  plain: 8,
  dangling: 12,
  afterNumber: 8,
  afterAbbreviation: 12,
  possibleName: 10,
  beforeDash: 20,
} as const;

/** What a break inside a number or a name costs when no other break fits (see `breakLines`). */
const FORBIDDEN_COST = { number: 5000, name: 500 } as const;

/** A line over the limit: per line and per character over. Worse than a split name, better than a split number. */
const OVERFLOW_LINE = 1000;
const OVERFLOW_CHARACTER = 100;

/** How much an unbalanced pair of lines costs, relative to the whole text's length. */
const BALANCE = 30;

/** A top line longer than the one below it costs extra, so that unequal lines form a pyramid. */
const TOP_HEAVY = 0.5;

type Forbidden = keyof typeof FORBIDDEN_COST;

interface Candidate {
  /** The whitespace run that a line break would replace. */
  readonly start: number;
  readonly end: number;
  readonly cost: number;
  readonly forbidden?: Forbidden | undefined;
}

/**
 * Wraps a cue into at most `maxLines` lines of at most `maxLineLength`, where it reads best.
 *
 * A text the translator already broke (it contains a line break) is returned
 * as it is, and so is a text that fits on one line. Otherwise every space is a
 * candidate break with a cost (see `COST`), and the search picks the fewest
 * lines that fit, then the cheapest breaks with the best shape: lines about
 * equal, and when they cannot be equal the lower line longer (a pyramid).
 *
 * Some breaks are not allowed: inside a number ("12 000", "1만 2000", or
 * between a number and its scale word "12 тисяч") and between a first and a
 * last name (two capitalised words, the first not starting a sentence:
 * "Volodymyr Zelensky"; at a sentence start such a pair is only expensive). Korean, like every language here, breaks only at
 * spaces, so a word never leaves its particle ("여러분과"). When no allowed
 * breaks fit, the least bad lines are returned and QA reports them: a line
 * over the limit is preferred to a split number, a split name to a line over
 * the limit.
 *
 * Only whitespace at the chosen breaks changes; each break's whitespace run
 * becomes one "\n". Deterministic: ties go to fewer lines, then to the
 * earlier break.
 */
export function breakLines(text: string, language: Language, options: LineBreakOptions): string {
  if (/[\r\n]/u.test(text)) return text;
  if (options.maxLines < 2 || lineLength(text, language) <= options.maxLineLength) return text;
  // The same line is often broken twice in a row (a cell's measures and its QA as the translator types).
  const key = `${language}\u0000${options.maxLineLength}\u0000${options.maxLines}\u0000${text}`;
  const known = recentBreaks.get(key);
  if (known !== undefined) return known;
  const broken = breakLongLine(text, language, options);
  if (recentBreaks.size >= RECENT_BREAKS) recentBreaks.delete(recentBreaks.keys().next().value ?? '');
  recentBreaks.set(key, broken);
  return broken;
}

/** How many recent line breaks are kept (the lines on a screen and then some). */
const RECENT_BREAKS = 512;
const recentBreaks = new Map<string, string>();

function breakLongLine(text: string, language: Language, options: LineBreakOptions): string {
  const pieces = splitPieces(text);
  const candidates = pieces.spaces.map((space, index) => classify(pieces, index, language, space));
  if (candidates.length === 0) return text;
  const measure = lineMeasure(text, language, pieces);
  const total = Math.max(1, lineLength(text, language));
  const fitting = search(candidates, measure, total, options, true);
  const chosen = fitting ?? search(candidates, measure, total, options, false) ?? [];
  let result = '';
  let position = 0;
  for (const index of chosen) {
    const candidate = candidates[index];
    if (candidate === undefined) continue;
    result += `${text.slice(position, candidate.start)}\n`;
    position = candidate.end;
  }
  return result + text.slice(position);
}

interface Pieces {
  /** Whitespace runs between words, in order, as [start, end). */
  readonly spaces: ReadonlyArray<readonly [number, number]>;
  /** The words between them: one more than spaces. */
  readonly words: ReadonlyArray<string>;
}

/** Splits a text into words and the breakable spaces between them (not leading or trailing ones, not inside tags). */
function splitPieces(text: string): Pieces {
  const tags = Array.from(text.matchAll(TAG), (match) => [match.index, match.index + match[0].length] as const);
  const insideTag = (position: number): boolean => tags.some(([start, end]) => position > start && position < end);
  const spaces: Array<readonly [number, number]> = [];
  for (const match of text.matchAll(BREAKABLE_SPACE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start === 0 || end === text.length || insideTag(start)) continue;
    spaces.push([start, end]);
  }
  const words: string[] = [];
  let position = 0;
  for (const [start, end] of spaces) {
    words.push(text.slice(position, start));
    position = end;
  }
  words.push(text.slice(position));
  return { spaces, words };
}

/**
 * The length of the line between two break candidates (-1 is the start of the text, `spaces.length` its end).
 *
 * Words and spaces are measured once; a line is a sum of them.
 */
function lineMeasure(text: string, language: Language, pieces: Pieces): (from: number, to: number) => number {
  const wordLengths = pieces.words.map((word) => lineLength(word, language));
  const spaceLengths = pieces.spaces.map(([start, end]) => lineLength(text.slice(start, end), language));
  const prefix = [0];
  for (let index = 0; index < wordLengths.length; index++) {
    const previous = prefix[prefix.length - 1] ?? 0;
    prefix.push(previous + (wordLengths[index] ?? 0) + (spaceLengths[index] ?? 0));
  }
  return (from, to) => {
    // Words from + 1 .. to, and the spaces between them.
    const end = (prefix[to] ?? 0) + (wordLengths[to] ?? 0);
    return end - (prefix[from + 1] ?? 0);
  };
}

function stripPunctuation(word: string): string {
  return word.replace(OPENING, '').replace(CLOSING, '');
}

function isAbbreviation(word: string, language: Language): boolean {
  const core = stripPunctuation(word);
  if (!core.endsWith('.')) return false;
  const stem = core.slice(0, -1).toLowerCase();
  return /^\p{L}$/u.test(stem) || ABBREVIATIONS[language].has(stem) || ABBREVIATIONS.en.has(stem);
}

function endsSentence(word: string, language: Language): boolean {
  const core = word.replace(CLOSING, '');
  return /[.!?…]$/u.test(core) && !isAbbreviation(word, language);
}

/** Two capitalised words, as in "Volodymyr Zelensky" (or "The Kremlin" at the start of a sentence). */
function isCapitalisedPair(previous: string, next: string): boolean {
  if (OPENING.test(previous) || CLOSING.test(previous)) return false;
  return /^\p{Lu}[\p{L}\p{M}'’ʼ-]*$/u.test(previous) && /^\p{Lu}\p{L}/u.test(next);
}

/** Whether a word starts a sentence: the text's first word, or one after a full stop or a dash. */
function startsSentence(before: string | undefined, language: Language): boolean {
  return before === undefined || endsSentence(before, language) || /^[-–—]$/u.test(before);
}

function classify(pieces: Pieces, index: number, language: Language, space: readonly [number, number]): Candidate {
  const previous = pieces.words[index] ?? '';
  const next = pieces.words[index + 1] ?? '';
  const before = index > 0 ? pieces.words[index - 1] : undefined;
  const [start, end] = space;
  const previousCore = stripPunctuation(previous);
  const nextCore = stripPunctuation(next);
  const previousBare = previous.replace(CLOSING, '');

  const endsInDigit = /\d$/u.test(previousBare);
  if (
    (endsInDigit && /^\d/u.test(nextCore)) ||
    (/\d[십백천만억조]$/u.test(previousBare) && /^\d/u.test(nextCore)) ||
    (endsInDigit && NUMBER_FOLLOWERS.test(next))
  ) {
    return { start, end, cost: COST.plain, forbidden: 'number' };
  }
  if (isCapitalisedPair(previous, next)) {
    // Not at a sentence start, two capitals are a name: never split. At one, the first may only be capitalised
    // because it starts the sentence ("The Kremlin"), so the break is merely expensive ("Valery Solodchuk was").
    if (!startsSentence(before, language)) return { start, end, cost: COST.plain, forbidden: 'name' };
  }

  let cost: number = COST.plain;
  if (endsSentence(previous, language)) cost = COST.sentenceEnd;
  else if (/[,;:–—]$/u.test(previousBare) || /^[-–—]$/u.test(previous)) cost = COST.clause;
  else if (/^[([{“«„"‘]/u.test(next)) cost = COST.beforeOpening;
  else if (LINK_WORDS[language].has(nextCore.toLowerCase())) cost = COST.beforeLink;
  else if (language === 'ko' && KOREAN_CONNECTIVE.test(previousCore)) cost = COST.beforeLink;

  const previousWord = previousCore.toLowerCase();
  if (previous === previousCore && (LINK_WORDS[language].has(previousWord) || ARTICLES[language].has(previousWord))) {
    cost += COST.dangling;
  }
  if (isAbbreviation(previous, language)) cost += COST.afterAbbreviation;
  if (endsInDigit && previous === previousBare) cost += COST.afterNumber;
  if (isCapitalisedPair(previous, next)) cost += COST.possibleName;
  if (/^[-–—]/u.test(next)) cost += COST.beforeDash;
  if (language === 'ko' && KOREAN_BOUND_NOUN.test(nextCore.replace(/[.,!?…]+$/u, ''))) cost += COST.dangling;
  return { start, end, cost };
}

/**
 * The cheapest set of breaks (candidate indexes, ascending), or undefined when none qualifies.
 *
 * With `strict`, only allowed breaks and lines within the limit qualify, and
 * the fewest lines win. Otherwise everything is allowed at a price and the
 * cheapest of any number of lines up to the maximum wins. Dynamic programming
 * over (start of the last line, end of the last line), so that the shape cost
 * of each pair of adjacent lines can be added: O(maxLines × candidates³).
 */
function search(
  candidates: ReadonlyArray<Candidate>,
  measure: (from: number, to: number) => number,
  total: number,
  options: LineBreakOptions,
  strict: boolean,
): number[] | undefined {
  const count = candidates.length;
  const end = count;
  const width = count + 1;
  const cell = (from: number, to: number): number => (from + 1) * width + to;
  const lineCost = (from: number, to: number): number => {
    const over = measure(from, to) - options.maxLineLength;
    if (over <= 0) return 0;
    return strict ? Number.POSITIVE_INFINITY : OVERFLOW_LINE + OVERFLOW_CHARACTER * over;
  };
  const usable = usableCandidates(count, measure, total, options, strict);
  const breakCost = (index: number): number => {
    const candidate = candidates[index];
    if (candidate === undefined || usable[index] === false) return Number.POSITIVE_INFINITY;
    if (candidate.forbidden === undefined) return candidate.cost;
    return strict ? Number.POSITIVE_INFINITY : candidate.cost + FORBIDDEN_COST[candidate.forbidden];
  };
  const shapeCost = (upper: number, lower: number): number => {
    const difference = (upper - lower) / total;
    const balance = BALANCE * difference * difference;
    return upper > lower ? 2 * balance + TOP_HEAVY : balance;
  };

  let layer = new Float64Array(width * width).fill(Number.POSITIVE_INFINITY);
  const parents: Int32Array[] = [];
  for (let to = 0; to <= end; to++) layer[cell(-1, to)] = lineCost(-1, to);
  parents.push(new Int32Array(width * width).fill(-2));

  let best: { cost: number; lines: number; last: number } | undefined;
  const consider = (lines: number): void => {
    for (let from = -1; from < count; from++) {
      const cost = layer[cell(from, end)] ?? Number.POSITIVE_INFINITY;
      if (cost < (best?.cost ?? Number.POSITIVE_INFINITY) - 1e-9) best = { cost, lines, last: from };
    }
  };
  consider(1);
  for (let lines = 2; lines <= options.maxLines; lines++) {
    if (strict && best !== undefined) break;
    const next = new Float64Array(width * width).fill(Number.POSITIVE_INFINITY);
    const parent = new Int32Array(width * width).fill(-2);
    for (let from = -1; from < count; from++) {
      for (let to = from + 1; to < count; to++) {
        const previous = layer[cell(from, to)] ?? Number.POSITIVE_INFINITY;
        if (previous === Number.POSITIVE_INFINITY) continue;
        const upper = measure(from, to);
        const base = previous + breakCost(to);
        if (base === Number.POSITIVE_INFINITY) continue;
        for (let after = to + 1; after <= end; after++) {
          const lower = measure(to, after);
          // Lines only grow as they take more words: in the strict search the rest cannot fit either.
          if (strict && lower > options.maxLineLength) break;
          const cost = base + lineCost(to, after) + shapeCost(upper, lower);
          const target = cell(to, after);
          if (cost < (next[target] ?? Number.POSITIVE_INFINITY) - 1e-9) {
            next[target] = cost;
            parent[target] = from;
          }
        }
      }
    }
    layer = next;
    parents.push(parent);
    consider(lines);
  }
  if (best === undefined || best.cost === Number.POSITIVE_INFINITY) return undefined;

  const breaks: number[] = [];
  let to = end;
  let from = best.last;
  for (let lines = best.lines; lines > 1; lines--) {
    breaks.push(from);
    const parent = parents[lines - 1]?.[cell(from, to)] ?? -1;
    to = from;
    from = parent;
  }
  return breaks.reverse();
}

/** Above this many spaces, the search without limits only considers breaks near where balanced lines would end. */
const LONG_TEXT_CANDIDATES = 60;

/**
 * Which candidates the search considers: all of them, except in the search
 * without limits over a long text, where the cubic search would take seconds.
 * There only breaks within one line's length of an even split are kept; with
 * every line over the limit anyway, balance is what is left to decide.
 */
function usableCandidates(
  count: number,
  measure: (from: number, to: number) => number,
  total: number,
  options: LineBreakOptions,
  strict: boolean,
): boolean[] {
  if (strict || count <= LONG_TEXT_CANDIDATES) return Array.from({ length: count }, () => true);
  const ideals: number[] = [];
  for (let lines = 2; lines <= options.maxLines; lines++) {
    for (let line = 1; line < lines; line++) ideals.push((total * line) / lines);
  }
  return Array.from({ length: count }, (_, index) => {
    const position = measure(-1, index);
    return ideals.some((ideal) => Math.abs(position - ideal) <= options.maxLineLength);
  });
}
