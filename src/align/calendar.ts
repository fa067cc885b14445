import type { Language } from '../languages';

/**
 * Months and weekdays, which every translation keeps: "Wednesday", "середу", "среду", "수요일".
 *
 * Returned as "m1".."m12" and "d1".."d7" (Monday = 1). Korean writes months as
 * numbers ("11월"), so a month is its own anchor rather than a number: "Nov. 20"
 * and "11월 20일" then share both the month and the day.
 */

const ENGLISH_MONTHS: ReadonlyArray<string> = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ENGLISH_MONTH_ABBREVIATIONS: ReadonlyArray<string> = [
  'jan',
  'feb',
  'mar',
  'apr',
  '',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const ENGLISH_WEEKDAYS: ReadonlyArray<string> = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Stems that open the month's name in every case form (Russian, then Ukrainian). */
const CYRILLIC_MONTHS: ReadonlyArray<RegExp> = [
  /^(?:январ|січн)/u,
  /^(?:феврал|лют(?:ий|ого|ому)$)/u,
  /^(?:март(?:а|е)?$|березн)/u,
  /^(?:апрел|квітн)/u,
  /^(?:ма[йяе]$|травн)/u,
  /^(?:июн|червн)/u,
  /^(?:июл|липн)/u,
  /^(?:август|серпн)/u,
  /^(?:сентябр|вересн)/u,
  /^(?:октябр|жовтн)/u,
  /^(?:ноябр|листопад)/u,
  /^(?:декабр|грудн)/u,
];
const CYRILLIC_WEEKDAYS: ReadonlyArray<RegExp> = [
  /^(?:понедельник|понеділ)/u,
  /^(?:вторник|вівтор)/u,
  /^(?:сред[аыуе]|серед[аиуі])$/u,
  /^(?:четверг|четвер(?:га|гу)?$)/u,
  /^(?:пятниц|п['’]ятниц)/u,
  /^(?:суббот|субот)/u,
  /^(?:воскресень|неділ)/u,
];
const KOREAN_WEEKDAYS: ReadonlyArray<string> = ['월요일', '화요일', '수요일', '목요일', '금요일', '토요일', '일요일'];

function englishCalendar(text: string, anchors: string[]): void {
  for (const match of text.matchAll(/\b([A-Z][a-z]+)(\.?)(?=(\s*\d)?)/gu)) {
    const word = (match[1] ?? '').toLowerCase();
    const dotted = match[2] === '.';
    const numberFollows = match[3] !== undefined;
    const month = ENGLISH_MONTHS.indexOf(word);
    if (month >= 0 && (word !== 'may' || numberFollows)) anchors.push(`m${month + 1}`);
    const abbreviation = word === '' ? -1 : ENGLISH_MONTH_ABBREVIATIONS.indexOf(word === 'sept' ? 'sep' : word);
    if (abbreviation >= 0 && (dotted || numberFollows)) anchors.push(`m${abbreviation + 1}`);
    const weekday = ENGLISH_WEEKDAYS.indexOf(word);
    if (weekday >= 0) anchors.push(`d${weekday + 1}`);
  }
}

/** One pass over the text finds the few words worth testing against the lists above. */
const CYRILLIC_CANDIDATE =
  /(?<![\p{L}'’])(?:январ|феврал|лют|март|березн|апрел|квітн|ма[йяе]|травн|июн|червн|июл|липн|август|серпн|сентябр|вересн|октябр|жовтн|ноябр|листопад|декабр|грудн|понедельник|понеділ|вторник|вівтор|сред|серед|четвер|пятниц|п['’]ятниц|суббот|субот|воскресень|неділ)[\p{L}'’]*/giu;

/** Index of the first pattern that matches `word`, or -1. */
function firstMatch(patterns: ReadonlyArray<RegExp>, word: string): number {
  for (let p = 0; p < patterns.length; p++) if (patterns[p]?.test(word) === true) return p;
  return -1;
}

/** The same pattern, tried at one position at a time (see `cyrillicCalendar`). */
const CYRILLIC_CANDIDATE_AT = new RegExp(CYRILLIC_CANDIDATE.source, 'iuy');

/** Whether a code unit is certainly a letter or an apostrophe, so that no candidate starts right after it. */
function certainlyInWord(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x27 ||
    code === 0x2019 ||
    (code >= 0x400 && code <= 0x481) ||
    (code >= 0x48a && code <= 0x52f)
  );
}

/**
 * The matches of `CYRILLIC_CANDIDATE`, in order, trying the pattern only where one can start.
 *
 * Every candidate starts with a letter outside ASCII that no letter or apostrophe precedes, so
 * the sticky pattern (which checks everything itself) is tried only at such positions; scanning
 * the whole text with the global pattern was most of the time spent on Cyrillic calendars.
 */
function cyrillicCalendar(text: string, anchors: string[]): void {
  const pattern = CYRILLIC_CANDIDATE_AT;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80 || (i > 0 && certainlyInWord(text.charCodeAt(i - 1)))) continue;
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (match === null) continue;
    i = pattern.lastIndex - 1;
    const word = match[0].toLowerCase();
    const month = firstMatch(CYRILLIC_MONTHS, word);
    if (month >= 0) anchors.push(`m${month + 1}`);
    const weekday = firstMatch(CYRILLIC_WEEKDAYS, word);
    if (weekday >= 0) anchors.push(`d${weekday + 1}`);
  }
}

function koreanCalendar(text: string, anchors: string[]): void {
  for (const match of text.matchAll(/(\d{1,2})\s?월(?!요일)/gu)) {
    const month = Number(match[1]);
    if (month >= 1 && month <= 12) anchors.push(`m${month}`);
  }
  KOREAN_WEEKDAYS.forEach((weekday, index) => {
    if (text.includes(weekday)) anchors.push(`d${index + 1}`);
  });
}

/** The months and weekdays a sentence names, as "m11" or "d3". */
export function calendarAnchors(text: string, language: Language): string[] {
  const anchors: string[] = [];
  switch (language) {
    case 'en':
      englishCalendar(text, anchors);
      break;
    case 'uk':
    case 'ru':
      cyrillicCalendar(text, anchors);
      break;
    case 'ko':
      koreanCalendar(text, anchors);
      break;
  }
  return anchors;
}
