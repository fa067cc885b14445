import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ENDONYMS } from '../../../src/languages';
import type { QaFinding } from '../../../src/qa/qa';

/** A finding in the interface language, from its rule and parameters. */
export function qaMessage(finding: QaFinding, t: TFunction): string {
  const params: Record<string, string | number> = { ...finding.params };
  if (finding.rule === 'min-duration' && params['segment'] !== undefined) return t('qa.untimed', params);
  if (finding.rule === 'min-duration' || finding.rule === 'max-duration') {
    params['duration'] = (Number(params['duration']) / 1000).toFixed(3);
    params['limit'] = (Number(params['limit']) / 1000).toFixed(3);
  }
  return t(`qa.${finding.rule}`, params);
}

/** The QA findings of the open transcript, by language; each one jumps to its cell. */
export function QaPanel(props: {
  readonly findings: ReadonlyArray<QaFinding> | undefined;
  readonly onJump: (finding: QaFinding) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="qa-panel" aria-label={t('qa.title')}>
      <h2>{t('qa.title')}</h2>
      {props.findings === undefined ? (
        <p className="muted">{t('qa.onlyTranscripts')}</p>
      ) : props.findings.length === 0 ? (
        <p className="muted">{t('qa.none')}</p>
      ) : (
        <ul className="qa-list">
          {props.findings.map((finding, index) => (
            <li key={index}>
              <button type="button" className={`qa-${finding.severity}`} onClick={() => props.onJump(finding)}>
                <span className="qa-language" lang={finding.language}>
                  {ENDONYMS[finding.language]}
                </span>{' '}
                <span className="qa-severity">{t(`qa.${finding.severity}`)}</span>: {qaMessage(finding, t)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
