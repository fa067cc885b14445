import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { decodeText, DecodeError } from '../../../src/text/decode';
import type { SubrelayDocument } from '../../../src/model/project';
import { AlignCancelled, type AlignPlan } from '../../../src/usecases/alignIntoColumn';
import { describeError } from '../describeError';
import { planAlignmentInWorker, type AlignmentRun } from '../workers/planAlignment';
import { LanguageSelect } from './LanguageSelect';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Paste or import a translation and choose where it goes and what it is aligned against. */
export function AlignDialog(props: {
  readonly project: Project;
  readonly documentId: string;
  /** Applies the reviewed plan with the proposals the translator accepted, as one undoable edit. */
  readonly onApply: (plan: AlignPlan, accepted: ReadonlySet<string>) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [documentId, setDocumentId] = useState(props.documentId);
  const document = props.project.documents.find((d) => d.id === documentId) ?? props.project.documents[0];
  const filled = useMemo(
    () =>
      props.project.languages.filter((language) =>
        document?.segments.some((s) => s.excluded !== true && s.texts[language].trim() !== ''),
      ),
    [document, props.project.languages],
  );
  const firstEmpty = props.project.languages.find((language) => !filled.includes(language));
  const [language, setLanguage] = useState<Language>(firstEmpty ?? props.project.languages[1] ?? 'ko');
  const defaultPivot =
    document !== undefined && filled.includes(document.sourceLanguage) ? document.sourceLanguage : filled[0];
  const [pivot, setPivot] = useState<Language | undefined>(defaultPivot);
  const [text, setText] = useState('');
  const [presegmented, setPresegmented] = useState(false);
  const [replace, setReplace] = useState(false);
  const [plan, setPlan] = useState<AlignPlan>();
  const [note, setNote] = useState<string>();
  const [problem, setProblem] = useState<string>();
  /** Share of the alignment done while it runs (in a worker); undefined when none runs. */
  const [progress, setProgress] = useState<number>();
  const running = useRef<AlignmentRun | undefined>(undefined);
  const fileId = useId();
  // Closing the dialog stops an alignment still running.
  useEffect(() => () => running.current?.cancel(), []);

  function align(request: Parameters<typeof planAlignmentInWorker>[1]): void {
    const run = planAlignmentInWorker(props.project, request, setProgress);
    running.current = run;
    setProgress(0);
    setProblem(undefined);
    run.plan.then(
      (planned) => {
        if (running.current !== run) return;
        running.current = undefined;
        setProgress(undefined);
        setPlan(planned);
      },
      (caught: unknown) => {
        if (running.current === run) running.current = undefined;
        setProgress(undefined);
        setProblem(caught instanceof AlignCancelled ? t('align.cancelled') : describeError(caught, t));
      },
    );
  }

  async function importFile(file: File): Promise<void> {
    setProblem(undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(
        t('error.withFile', {
          file: file.name,
          message: t('problem.too-large', { size: file.size, limit: MAX_IMPORT_BYTES }),
        }),
      );
      return;
    }
    try {
      const decoded = decodeText(new Uint8Array(await file.arrayBuffer()), { language });
      setText(decoded.text);
      setNote(t('align.encoding', { encoding: decoded.encoding }));
    } catch (caught) {
      const message =
        caught instanceof DecodeError
          ? t(`problem.decode-${caught.problem}`)
          : caught instanceof Error
            ? caught.message
            : String(caught);
      setProblem(t('error.withFile', { file: file.name, message }));
    }
  }

  if (plan !== undefined && document !== undefined) {
    return (
      <AlignReview
        plan={plan}
        document={document}
        onBack={() => setPlan(undefined)}
        onApply={(accepted) => props.onApply(plan, accepted)}
        onClose={props.onClose}
      />
    );
  }

  if (progress !== undefined) {
    return (
      <Modal title={t('align.title')} onClose={props.onClose}>
        <p role="status">{t('align.running', { percent: Math.floor(progress * 100) })}</p>
        <progress aria-label={t('align.progress')} value={progress} max={1} />
        <div className="buttons">
          <button type="button" ref={(button) => button?.focus()} onClick={() => running.current?.cancel()}>
            {t('align.cancel')}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={t('align.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() === '') return setProblem(t('align.empty'));
          if (pivot === undefined || !filled.includes(pivot)) {
            return setProblem(t('align.noPivot', { language: ENDONYMS[pivot ?? 'en'] }));
          }
          if (document === undefined) return;
          // Only a plan, worked out off the window's thread: nothing changes until the translator has seen it.
          align({ documentId: document.id, language, pivot, text, presegmented, replace });
        }}
      >
        <label className="field">
          <span>{t('align.document')}</span>
          <select value={documentId} onChange={(event) => setDocumentId(event.target.value)}>
            {props.project.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <LanguageSelect
          label={t('align.language')}
          value={language}
          languages={props.project.languages}
          onChange={setLanguage}
        />
        <LanguageSelect
          label={t('align.pivot')}
          value={pivot}
          languages={filled.filter((l) => l !== language)}
          onChange={setPivot}
        />
        <label className="field">
          <span>{t('align.text')}</span>
          <textarea
            lang={language}
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="align-text"
          />
        </label>
        <div className="field">
          <label htmlFor={fileId}>{t('align.import')}</label>
          <input
            id={fileId}
            type="file"
            accept=".txt,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) void importFile(file);
            }}
          />
          {note !== undefined && <p className="muted">{note}</p>}
        </div>
        <label className="check">
          <input type="checkbox" checked={presegmented} onChange={(event) => setPresegmented(event.target.checked)} />
          {t('align.presegmented')}
        </label>
        <label className="check">
          <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
          {t('align.replace')}
        </label>
        {document !== undefined && filled.includes(language) && (
          <p className="muted">{t('align.replaces', { language: ENDONYMS[language], document: document.title })}</p>
        )}
        <FormFooter
          problem={problem}
          cancelLabel={t('align.cancel')}
          submitLabel={t('align.run')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}

const SHOWN = 70;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > SHOWN ? `${flat.slice(0, SHOWN - 1)}…` : flat;
}

/**
 * The review step: what the alignment fills, and what it proposes to reshape.
 *
 * Merges and new rows are proposals, unticked: the document keeps its rows
 * unless the translator ticks one. Omissions are listed so nothing is missed.
 */
function AlignReview(props: {
  readonly plan: AlignPlan;
  readonly document: SubrelayDocument;
  readonly onBack: () => void;
  readonly onApply: (accepted: ReadonlySet<string>) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const rowOf = useMemo(() => {
    const rows = new Map(props.document.segments.map((segment, index) => [segment.id, index + 1]));
    return (id: string | null): number => (id === null ? 0 : (rows.get(id) ?? 0));
  }, [props.document]);
  const { plan } = props;
  const changed = plan.fills.filter((fill) => fill.previous !== '' && fill.previous !== fill.text).length;
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(accepted);
    if (on) next.add(id);
    else next.delete(id);
    setAccepted(next);
  };
  const reshaping = plan.proposals.filter((proposal) => proposal.kind !== 'omission');
  const omissions = plan.proposals.filter((proposal) => proposal.kind === 'omission');
  return (
    <Modal title={t('align.reviewTitle')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onApply(accepted);
        }}
      >
        <p>
          {plan.covered === null
            ? t('align.coveredNone')
            : t('align.covered', {
                count: plan.fills.length,
                first: rowOf(plan.covered.first),
                last: rowOf(plan.covered.last),
                sentences: plan.sentences,
              })}
        </p>
        {plan.alternatives.length > 0 && (
          <>
            <p>
              <strong>{t('align.alternatives', { count: plan.alternatives.length })}</strong>
            </p>
            <ul>
              {plan.alternatives.map((stretch) => (
                <li key={stretch.first}>
                  {t('align.alternative', { first: rowOf(stretch.first), last: rowOf(stretch.last) })}
                </li>
              ))}
            </ul>
          </>
        )}
        {changed > 0 && <p className="muted">{t('align.overwrites', { count: changed })}</p>}
        {reshaping.length === 0 ? (
          <p className="muted">{t('align.noProposals')}</p>
        ) : (
          <fieldset>
            <legend>{t('align.proposals', { count: reshaping.length })}</legend>
            {reshaping.map((proposal) => (
              <label className="check" key={proposal.id}>
                <input
                  type="checkbox"
                  checked={accepted.has(proposal.id)}
                  onChange={(event) => toggle(proposal.id, event.target.checked)}
                />
                {proposal.kind === 'merge'
                  ? t('align.proposeMerge', {
                      first: rowOf(proposal.segmentIds[0] ?? null),
                      last: rowOf(proposal.segmentIds[proposal.segmentIds.length - 1] ?? null),
                      text: excerpt(proposal.text),
                    })
                  : proposal.kind === 'newRow'
                    ? t('align.proposeNewRow', { row: rowOf(proposal.afterSegmentId), text: excerpt(proposal.text) })
                    : ''}
              </label>
            ))}
          </fieldset>
        )}
        {omissions.length > 0 && (
          <>
            <h3>{t('align.omissions', { count: omissions.length })}</h3>
            <ul>
              {omissions.map((proposal) =>
                proposal.kind === 'omission' ? (
                  <li key={proposal.id}>{t('align.omission', { row: rowOf(proposal.segmentId) })}</li>
                ) : null,
              )}
            </ul>
          </>
        )}
        <FormFooter
          problem={undefined}
          cancelLabel={t('align.back')}
          submitLabel={t('align.apply')}
          onCancel={props.onBack}
        />
      </form>
    </Modal>
  );
}
