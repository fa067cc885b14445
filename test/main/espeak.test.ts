import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { espeakAvailable, espeakVoice, measureSpeakingMs, readWavDuration } from '../../main/handlers/espeak';
import { countSyllables, DEFAULT_DUBBING, estimateSpeakingMs, fitOf } from '../../src/dub/speakingTime';
import { LANGUAGES, type Language } from '../../src/languages';
import { loadSample } from './support';

/** Debian's espeak-ng: a real synthesiser to measure speaking time with. */
const ESPEAK = '/usr/bin/espeak-ng';
const espeakMissing = !existsSync(ESPEAK);

if (espeakMissing) {
  // A skipped test's body never runs, so the reason is printed while the file is collected.
  console.warn(`${ESPEAK} is missing, so speaking times are not measured with espeak-ng; .ci/run installs it.`);
}

const itWithEspeak = espeakMissing ? it.skip : it;

/** A short line and a long one, about 2–4 and 30+ syllables. */
const LINES: Readonly<Record<Language, { readonly short: string; readonly long: string; readonly ten: string }>> = {
  en: {
    short: 'My brothers.',
    ten: 'We will help you start a new life here.',
    long: 'We will not just receive you as prisoners of war, we will help you start a new life, find honest work and live with dignity among us.',
  },
  ko: {
    short: '형제 여러분.',
    ten: '새 삶을 시작하게 돕겠다.',
    long: '우리는 여러분을 전쟁포로로 받아들이는 데 그치지 않고 새 삶을 시작하도록 도울 것이며, 여러분은 일자리와 존엄한 삶을 얻게 될 것입니다.',
  },
  uk: {
    short: 'Брати мої.',
    ten: 'Ми допоможемо вам почати.',
    long: 'Ми не просто приймемо вас як військовополонених, ми допоможемо вам почати нове життя, знайти чесну роботу і жити гідно серед нас.',
  },
  ru: {
    short: 'Братья мои.',
    ten: 'Мы поможем вам начать новую жизнь.',
    long: 'Мы не просто примем вас как военнопленных, мы поможем вам начать новую жизнь, найти честную работу и жить достойно среди нас.',
  },
};

/** A 16-bit mono PCM WAV with the given samples and a data size as written in the header. */
function wav(samples: ReadonlyArray<number>, declaredDataSize?: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => data.writeInt16LE(sample, index * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(1000, 24); // 1000 samples/s: one sample is a millisecond
  header.writeUInt32LE(2000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(declaredDataSize ?? data.length, 40);
  return Buffer.concat([header, data]);
}

describe('readWavDuration', () => {
  const samples = [...Array<number>(100).fill(0), ...Array<number>(300).fill(8000), ...Array<number>(200).fill(20)];

  it('measures the whole file and the speech between the silences', () => {
    expect(readWavDuration(wav(samples))).toEqual({ totalMs: 600, speechMs: 300 });
  });

  it('reads a streaming header whose data size is a placeholder by the bytes actually there', () => {
    for (const declared of [0, 0xffffffff, 0x7ffff000]) {
      expect(readWavDuration(wav(samples, declared))).toEqual({ totalMs: 600, speechMs: 300 });
    }
  });

  it('gives no speech for silence or an empty output, and refuses what is not a WAV file', () => {
    expect(readWavDuration(wav(Array<number>(50).fill(0)))).toEqual({ totalMs: 50, speechMs: 0 });
    expect(readWavDuration(Buffer.alloc(0))).toEqual({ totalMs: 0, speechMs: 0 });
    expect(() => readWavDuration(Buffer.from('not a wave file at all'))).toThrow(
      /^espeak-ng did not write a WAV file$/u,
    );
  });
});

describe('espeak-ng', () => {
  it('names a voice that espeak-ng 1.51 has for every language', () => {
    expect(LANGUAGES.map(espeakVoice)).toEqual(['en-us', 'ko', 'uk', 'ru']);
  });

  it('is reported missing when the binary is not there, and measuring says so in one line', async () => {
    expect(await espeakAvailable('/nonexistent/espeak-ng')).toBe(false);
    await expect(
      measureSpeakingMs([{ key: 'a', text: 'Hello', language: 'en' }], { binary: '/nonexistent/espeak-ng' }),
    ).rejects.toThrow(/^espeak-ng is not installed \(\/nonexistent\/espeak-ng not found\)$/u);
  });

  itWithEspeak('is available on this machine', async () => {
    expect(await espeakAvailable(ESPEAK)).toBe(true);
  });

  itWithEspeak('takes clearly longer over a long line than a short one in every language', async () => {
    const items = LANGUAGES.flatMap((language) => [
      { key: `${language}:short`, text: LINES[language].short, language },
      { key: `${language}:ten`, text: LINES[language].ten, language },
      { key: `${language}:long`, text: LINES[language].long, language },
    ]);
    const measured = await measureSpeakingMs(items, { binary: ESPEAK });
    const table = LANGUAGES.map((language) => ({
      language,
      short: measured[`${language}:short`],
      ten: measured[`${language}:ten`],
      tenSyllables: countSyllables(LINES[language].ten, language),
      long: measured[`${language}:long`],
    }));
    console.info('espeak-ng speaking times (ms)');
    console.table(table);
    for (const { language, short = 0, ten = 0, long = 0, tenSyllables } of table) {
      expect({ language, short: short > 200 }).toEqual({ language, short: true });
      expect({ language, longer: long > 3 * short }).toEqual({ language, longer: true });
      expect({ language, tenSyllables: tenSyllables >= 9 && tenSyllables <= 11 }).toEqual({
        language,
        tenSyllables: true,
      });
      expect({ language, plausible: ten >= 800 && ten <= 5000 }).toEqual({ language, plausible: true });
    }
  });

  itWithEspeak('agrees with the syllable estimate within a factor of two on the sample’s lines', async () => {
    const sample = await loadSample();
    const appeal = sample.documents.find((document) => document.id === 'appeal');
    // The fragments ("…to the south…") are too short for a ratio to mean much.
    const segments = (appeal?.segments ?? []).filter((segment) => (segment.end ?? 0) - (segment.start ?? 0) >= 2500);
    const items = LANGUAGES.flatMap((language) =>
      segments.map((segment) => ({ key: `${language}:${segment.id}`, text: segment.texts[language], language })),
    );
    const measured = await measureSpeakingMs(items, { binary: ESPEAK });
    const rows = items.map((item) => {
      const estimate = estimateSpeakingMs(item.text, item.language, DEFAULT_DUBBING);
      const espeak = measured[item.key] ?? 0;
      return {
        line: item.key,
        syllables: countSyllables(item.text, item.language),
        estimate,
        espeak,
        ratio: Number((estimate / espeak).toFixed(2)),
      };
    });
    console.info('Syllable estimate (default rates) against espeak-ng (175 words/min), ms');
    console.table(rows);
    for (const language of LANGUAGES) {
      const ofLanguage = rows.filter((row) => row.line.startsWith(`${language}:`));
      const mean = ofLanguage.reduce((sum, row) => sum + row.ratio, 0) / ofLanguage.length;
      console.info(`${language}: mean estimate/espeak ratio ${mean.toFixed(2)}`);
    }
    for (const row of rows) {
      expect({ line: row.line, withinTwice: row.ratio >= 0.5 && row.ratio <= 2 }).toEqual({
        line: row.line,
        withinTwice: true,
      });
    }
  });

  itWithEspeak('reads texts that start with a dash or hold quotes and line breaks as text', async () => {
    const measured = await measureSpeakingMs(
      [
        { key: 'dash', text: '-v xx --help', language: 'en' },
        { key: 'quotes', text: 'He said "no" and \'yes\'\nthen left; `rm -rf` $HOME', language: 'en' },
        { key: 'uk', text: '— Так, «звісно».\nДобре', language: 'uk' },
        { key: 'blank', text: '  \n ', language: 'ko' },
      ],
      { binary: ESPEAK },
    );
    expect(measured.dash).toBeGreaterThan(500);
    expect(measured.quotes).toBeGreaterThan(1500);
    expect(measured.uk).toBeGreaterThan(500);
    expect(measured.blank).toBe(0);
  });

  itWithEspeak('speaks faster at a higher words-per-minute setting', async () => {
    const text = LINES.en.long;
    const slow = await measureSpeakingMs([{ key: 'a', text, language: 'en' }], { binary: ESPEAK, wordsPerMinute: 120 });
    const fast = await measureSpeakingMs([{ key: 'a', text, language: 'en' }], { binary: ESPEAK, wordsPerMinute: 240 });
    expect(fast.a ?? 0).toBeLessThan((slow.a ?? 0) * 0.75);
  });

  itWithEspeak('stops when canceled, with a one-line error', async () => {
    const controller = new AbortController();
    const pending = measureSpeakingMs(
      LANGUAGES.map((language) => ({ key: language, text: LINES[language].long.repeat(20), language })),
      { binary: ESPEAK, signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toThrow(/^espeak-ng: measuring was canceled$/u);
  });

  itWithEspeak('flags a measured line too long for its slot and passes a fitting one in every language', async () => {
    const measured = await measureSpeakingMs(
      LANGUAGES.flatMap((language) => [
        { key: `${language}:short`, text: LINES[language].short, language },
        { key: `${language}:long`, text: LINES[language].long, language },
      ]),
      { binary: ESPEAK },
    );
    for (const language of LANGUAGES) {
      const slot = 2000;
      const long = fitOf(slot, measured[`${language}:long`] ?? 0, DEFAULT_DUBBING.tolerancePercent);
      const short = fitOf(slot, measured[`${language}:short`] ?? 0, DEFAULT_DUBBING.tolerancePercent);
      expect({ language, long: long.fits, short: short.fits }).toEqual({ language, long: false, short: true });
    }
  });
});
