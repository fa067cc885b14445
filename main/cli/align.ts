import { parseArgs } from 'node:util';
import { align, type Alignment } from '../../src/align/align';
import { toLadder } from '../../src/align/ladder';
import { isLanguage, type Language } from '../../src/languages';
import { serializeProject } from '../../src/model/serialize';
import { applyAlignPlan, planAlignment } from '../../src/usecases/alignIntoColumn';
import {
  ACCEPT_CHOICES,
  acceptedProposals,
  describeAlignPlan,
  type AcceptChoice,
} from '../../src/usecases/alignReport';
import { segmentText } from '../../src/segment/sentences';
import { guessLanguage } from '../../src/text/guessLanguage';
import { backupPathOf, readDecodedFile, readProjectFile, writeFileAtomic } from '../handlers/files';
import { UsageError } from './usage';
import { aboutFile, say, word } from './words';

interface Side {
  readonly texts: string[];
  readonly paragraphs: number[] | undefined;
  readonly language: Language;
}

function languageOption(value: string | undefined, flag: string): Language | undefined {
  if (value === undefined) return undefined;
  if (!isLanguage(value)) throw new UsageError('notOneOf', { flag, value, choices: 'en, ko, uk, ru' });
  return value;
}

/** One segment per line, kept as is (empty lines too), or the app's own segmentation. */
function segmentsOf(text: string, language: Language, presegmented: boolean): Side {
  if (presegmented) {
    const lines = text.replace(/\r\n?/gu, '\n').replace(/\n$/u, '');
    return { texts: lines === '' ? [] : lines.split('\n'), paragraphs: undefined, language };
  }
  const sentences = segmentText(text, language);
  return { texts: sentences.map((s) => s.text), paragraphs: sentences.map((s) => s.paragraph), language };
}

async function readSide(
  file: string,
  language: Language | undefined,
  flag: string,
  presegmented: boolean,
): Promise<Side> {
  const { text } = await readDecodedFile(file, { language });
  // A language that is not one of ours (Japanese, German…) is still aligned: the aligner believes a label only
  // where the letters agree with it, and uses language-independent evidence otherwise. The label then only
  // picks the sentence splitter, so English's (full stops, question and exclamation marks) stands in.
  const chosen = language ?? guessLanguage(text) ?? 'en';
  return segmentsOf(text, chosen, presegmented);
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/gu, ' ');
}

function printAlignment(alignment: Alignment, source: Side, target: Side, format: string): string {
  switch (format) {
    case 'ladder':
      return toLadder(alignment, source.texts.length, target.texts.length);
    case 'tsv':
      return alignment.beads
        .map(
          (bead) =>
            `${oneLine(source.texts.slice(bead.sourceStart, bead.sourceEnd).join(' '))}\t${oneLine(
              target.texts.slice(bead.targetStart, bead.targetEnd).join(' '),
            )}\t${bead.confidence.toFixed(3)}\n`,
        )
        .join('');
    default:
      return `${JSON.stringify(
        {
          from: source.language,
          to: target.language,
          stats: alignment.stats,
          beads: alignment.beads.map((bead) => ({
            source: [bead.sourceStart, bead.sourceEnd],
            target: [bead.targetStart, bead.targetEnd],
            confidence: Number(bead.confidence.toFixed(4)),
            sourceText: source.texts.slice(bead.sourceStart, bead.sourceEnd),
            targetText: target.texts.slice(bead.targetStart, bead.targetEnd),
          })),
        },
        null,
        2,
      )}\n`;
  }
}

interface ProjectAlignOptions {
  readonly documentId: string;
  readonly language: Language;
  readonly pivot: Language | undefined;
  readonly presegmented: boolean;
  readonly replace: boolean;
  readonly accept: AcceptChoice;
  readonly write: (text: string) => void;
}

/**
 * Fills a project document's column from a translation file, through the `alignIntoColumn` use case.
 *
 * Prints what the plan proposes (merges, new rows, rows without a
 * sentence), what was applied (the filled cells, and the proposals
 * `--accept` took), and a summary; then saves with a backup. Rows outside
 * the stretch the translation covers are left exactly as they were.
 */
async function alignIntoProject(projectFile: string, textFile: string, options: ProjectAlignOptions): Promise<number> {
  const project = await readProjectFile(projectFile);
  const { text } = await readDecodedFile(textFile, { language: options.language });
  const document = project.documents.find((d) => d.id === options.documentId);
  let updated;
  let report;
  let plan;
  try {
    plan = planAlignment(project, {
      documentId: options.documentId,
      language: options.language,
      pivot: options.pivot ?? document?.sourceLanguage ?? 'en',
      text,
      presegmented: options.presegmented,
      replace: options.replace,
    });
    const accepted = acceptedProposals(plan, options.accept);
    updated = applyAlignPlan(project, plan, accepted);
    report = describeAlignPlan(plan, accepted);
  } catch (error) {
    throw aboutFile(error, projectFile);
  }
  let lines = '';
  for (const stretch of plan.alternatives) {
    lines += `${await say('proposed', { line: await say('alignAlternative', stretch) })}\n`;
  }
  for (const line of report.proposed) lines += `${await say('proposed', { line: await word(line) })}\n`;
  for (const line of report.applied) lines += `${await say('applied', { line: await word(line) })}\n`;
  await writeFileAtomic(projectFile, serializeProject(updated), { backup: true });
  const saved = await word({ code: 'project-saved', params: { file: projectFile, backup: backupPathOf(projectFile) } });
  options.write(`${lines}${projectFile}: ${await word(report.summary)}; ${saved}\n`);
  return 0;
}

/**
 * `subrelay align SRC TGT`: aligns two texts and prints the result.
 *
 * With a project as SRC (`--document ID --to L`), fills that document's
 * column from TGT instead, aligned against the `--from` column (default: the
 * document's source language); see `alignIntoProject`.
 */
export async function runAlign(args: string[], write: (text: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      presegmented: { type: 'boolean', default: false },
      format: { type: 'string', default: 'ladder' },
      document: { type: 'string' },
      replace: { type: 'boolean', default: false },
      accept: { type: 'string', default: 'none' },
      debug: { type: 'boolean' },
    },
  });
  const [sourceFile, targetFile, extra] = positionals;
  if (sourceFile === undefined || targetFile === undefined) throw new UsageError('alignGiveFiles');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  const format = values.format;
  if (format !== 'ladder' && format !== 'tsv' && format !== 'json') {
    throw new UsageError('notOneOf', { flag: '--format', value: format, choices: 'ladder, tsv, json' });
  }
  const from = languageOption(values.from, '--from');
  const to = languageOption(values.to, '--to');

  if (sourceFile.endsWith('.subrelay')) {
    if (values.document === undefined) throw new UsageError('alignGiveDocument');
    if (to === undefined) throw new UsageError('alignGiveLanguage');
    const accept = values.accept;
    if (!(ACCEPT_CHOICES as ReadonlyArray<string>).includes(accept)) {
      throw new UsageError('notOneOf', { flag: '--accept', value: accept, choices: ACCEPT_CHOICES.join(', ') });
    }
    return alignIntoProject(sourceFile, targetFile, {
      documentId: values.document,
      language: to,
      pivot: from,
      presegmented: values.presegmented,
      replace: values.replace,
      accept: accept as AcceptChoice,
      write,
    });
  }

  const source = await readSide(sourceFile, from, '--from', values.presegmented);
  const target = await readSide(targetFile, to, '--to', values.presegmented);
  const alignment = align(
    { texts: source.texts, language: source.language, paragraphs: source.paragraphs },
    { texts: target.texts, language: target.language, paragraphs: target.paragraphs },
  );
  write(printAlignment(alignment, source, target, format));
  return 0;
}
