import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { ENDONYMS, LANGUAGES, type Language } from '../../../src/languages';
import type { DubbingSettings } from '../../../src/model/project';
import { decimalOf, DecimalField } from './DecimalField';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

type Draft = Record<string, string>;

function toDraft(settings: DubbingSettings): Draft {
  const draft: Draft = { tolerancePercent: String(settings.tolerancePercent) };
  for (const language of LANGUAGES) draft[language] = String(settings.rates[language]);
  return draft;
}

/** Speaking rates per language and the fit tolerance, for dubbing scripts and the grid; saved with the project. */
export function DubbingDialog(props: {
  readonly settings: DubbingSettings | undefined;
  readonly onSave: (settings: DubbingSettings | undefined) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(toDraft(props.settings ?? DEFAULT_DUBBING));
  const [problem, setProblem] = useState<string>();
  const number = (key: string): number => decimalOf(draft[key]);

  function save(): void {
    const badRate = LANGUAGES.find((language) => !(number(language) >= 0.5 && number(language) <= 30));
    if (badRate !== undefined) return setProblem(t('dubbing.invalidRate', { value: draft[badRate] ?? '' }));
    const tolerance = number('tolerancePercent');
    if (!(tolerance >= 0 && tolerance <= 500)) {
      return setProblem(t('dubbing.invalidTolerance', { value: draft['tolerancePercent'] ?? '' }));
    }
    props.onSave({
      rates: Object.fromEntries(LANGUAGES.map((language) => [language, number(language)])) as Record<Language, number>,
      tolerancePercent: tolerance,
    });
  }

  const input = (key: string, label: string) => (
    <DecimalField
      key={key}
      label={label}
      value={draft[key] ?? ''}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
    />
  );

  return (
    <Modal title={t('dubbing.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <p>{t('dubbing.explain')}</p>
        <fieldset>
          <legend>{t('dubbing.rates')}</legend>
          {LANGUAGES.map((language) => input(language, t('dubbing.rate', { language: ENDONYMS[language] })))}
        </fieldset>
        {input('tolerancePercent', t('dubbing.tolerance'))}
        <FormFooter
          problem={problem}
          cancelLabel={t('dubbing.cancel')}
          submitLabel={t('dubbing.save')}
          onCancel={props.onClose}
          before={
            <button type="button" onClick={() => props.onSave(undefined)}>
              {t('dubbing.reset')}
            </button>
          }
        />
      </form>
    </Modal>
  );
}
