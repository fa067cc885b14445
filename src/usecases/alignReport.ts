import type { Problem } from '../api/problems';
import { assertNever } from '../languages';
import type { AlignPlan } from './alignIntoColumn';

/** Which proposals `--accept` (or the review step) takes: none, the merges, the new rows, or all. */
export type AcceptChoice = 'none' | 'merge' | 'newRow' | 'all';

export const ACCEPT_CHOICES: ReadonlyArray<AcceptChoice> = ['none', 'merge', 'newRow', 'all'];

/** The ids of the proposals a choice accepts (omissions are information, never applied). */
export function acceptedProposals(plan: AlignPlan, choice: AcceptChoice): ReadonlySet<string> {
  return new Set(
    plan.proposals.filter((p) => p.kind !== 'omission' && (choice === 'all' || p.kind === choice)).map((p) => p.id),
  );
}

export interface AlignReport {
  /** What the plan proposes: merges, new rows, omissions. */
  readonly proposed: ReadonlyArray<Problem>;
  /** What applying it with `accepted` does: cells filled, rows merged, rows added, sentences left out. */
  readonly applied: ReadonlyArray<Problem>;
  readonly summary: Problem;
}

const SHOWN_CHARACTERS = 60;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > SHOWN_CHARACTERS ? `${flat.slice(0, SHOWN_CHARACTERS - 1)}…` : flat;
}

/**
 * An alignment plan and what applying it does, as problem-shaped lines.
 *
 * The CLI prints them in English and the review step shows them in the
 * interface language; both word them from `problem.<code>`.
 */
export function describeAlignPlan(plan: AlignPlan, accepted: ReadonlySet<string>): AlignReport {
  const proposed: Problem[] = [];
  const applied: Problem[] = [];
  for (const fill of plan.fills) {
    applied.push(
      fill.text === ''
        ? { code: 'align-emptied', params: { segment: fill.segmentId } }
        : {
            code: 'align-filled',
            params: { segment: fill.segmentId, confidence: fill.confidence.toFixed(2), text: excerpt(fill.text) },
          },
    );
  }
  for (const proposal of plan.proposals) {
    switch (proposal.kind) {
      case 'merge': {
        const segments = proposal.segmentIds.join(', ');
        proposed.push({ code: 'align-merge-proposed', params: { segments } });
        if (accepted.has(proposal.id)) applied.push({ code: 'align-merge-applied', params: { segments } });
        break;
      }
      case 'newRow': {
        const params = { after: proposal.afterSegmentId ?? '—', text: excerpt(proposal.text) };
        proposed.push({ code: 'align-new-row-proposed', params });
        applied.push({ code: accepted.has(proposal.id) ? 'align-new-row-applied' : 'align-new-row-left-out', params });
        break;
      }
      case 'omission':
        proposed.push({ code: 'align-omission', params: { segment: proposal.segmentId } });
        break;
      default:
        assertNever(proposal, 'Unknown alignment proposal');
    }
  }
  const acceptedCount = plan.proposals.filter((p) => accepted.has(p.id)).length;
  return {
    proposed,
    applied,
    summary: {
      code: 'align-summary',
      params: {
        sentences: plan.sentences,
        document: plan.documentId,
        language: plan.language,
        pivot: plan.pivot,
        first: plan.covered?.first ?? '—',
        last: plan.covered?.last ?? '—',
        filled: plan.fills.filter((f) => f.text !== '').length,
        proposals: plan.proposals.filter((p) => p.kind !== 'omission').length,
        accepted: acceptedCount,
        omissions: plan.proposals.filter((p) => p.kind === 'omission').length,
        uncertain: plan.fills.filter((f) => f.text !== '' && f.confidence < 0.5).length,
      },
    },
  };
}
