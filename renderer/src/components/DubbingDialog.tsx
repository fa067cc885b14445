import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { ENDONYMS, LANGUAGES } from '../../../src/languages';
import type { DubbingSettings } from '../../../src/model/project';
import { dubbingSettingsSchema } from '../../../src/model/schema';
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
    // The same schema the project file is checked with: nothing accepted here can make a save fail later.
    const checked = dubbingSettingsSchema.safeParse({
      rates: Object.fromEntries(LANGUAGES.map((language) => [language, number(language)])),
      tolerancePercent: number('tolerancePercent'),
    });
    if (checked.success) return props.onSave(checked.data);
    const [first, language] = (checked.error.issues[0]?.path ?? []).map(String);
    if (first === 'rates') return setProblem(t('dubbing.invalidRate', { value: draft[language ?? ''] ?? '' }));
    return setProblem(t('dubbing.invalidTolerance', { value: draft['tolerancePercent'] ?? '' }));
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
