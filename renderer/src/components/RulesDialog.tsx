import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, isLanguage, LANGUAGES, type Language } from '../../../src/languages';
import { rulesSettingsSchema } from '../../../src/model/schema';
import type { ProjectRules } from '../../../src/model/project';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import { decimalOf, DecimalField } from './DecimalField';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

type Draft = Record<string, string>;

function toDraft(rules: ProjectRules): Draft {
  const draft: Draft = {
    maxLines: String(rules.maxLines),
    minDurationMs: String(rules.minDurationMs),
    maxDurationMs: String(rules.maxDurationMs),
    minGapFrames: String(rules.minGapFrames),
  };
  for (const language of LANGUAGES) {
    draft[`${language}.maxLineLength`] = String(rules.languages[language].maxLineLength);
    draft[`${language}.maxCps`] = String(rules.languages[language].maxCps);
  }
  return draft;
}

/** The project's subtitle limits, per language and shared; saved with the project. */
export function RulesDialog(props: {
  readonly rules: ProjectRules | undefined;
  readonly onSave: (rules: ProjectRules | undefined) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(toDraft(props.rules ?? DEFAULT_RULES));
  const [problem, setProblem] = useState<string>();
  const number = (key: string): number => decimalOf(draft[key]);

  /** The label of the field a schema path points at. */
  function labelOf(path: ReadonlyArray<PropertyKey>): { readonly key: string; readonly label: string } {
    const [first, language, field] = path.map(String);
    if (first === 'languages' && language !== undefined && field !== undefined && isLanguage(language)) {
      return { key: `${language}.${field}`, label: t(`rules.${field}`, { language: ENDONYMS[language] }) };
    }
    return { key: first ?? '', label: t(`rules.${first ?? ''}`) };
  }

  function save(): void {
    const bad = Object.entries(draft).find(([, value]) => !(decimalOf(value) > 0 || decimalOf(value) === 0));
    if (bad !== undefined) return setProblem(t('rules.invalid', { value: bad[1] }));
    const languages = Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        { maxLineLength: number(`${language}.maxLineLength`), maxCps: number(`${language}.maxCps`) },
      ]),
    ) as Record<Language, { maxLineLength: number; maxCps: number }>;
    // The same schema the project file is checked with: nothing accepted here can make a save fail later.
    const checked = rulesSettingsSchema.safeParse({
      languages,
      maxLines: Math.round(number('maxLines')),
      minDurationMs: Math.round(number('minDurationMs')),
      maxDurationMs: Math.round(number('maxDurationMs')),
      minGapFrames: Math.round(number('minGapFrames')),
    });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const { key, label } = labelOf(issue?.path ?? []);
      const value = draft[key] ?? '';
      if (issue?.code === 'too_big')
        return setProblem(t('rules.tooLarge', { field: label, value, limit: String(issue.maximum) }));
      if (issue?.code === 'too_small')
        return setProblem(t('rules.tooSmall', { field: label, value, limit: String(issue.minimum) }));
      return setProblem(t('rules.invalid', { value }));
    }
    if (checked.data.minDurationMs > checked.data.maxDurationMs) {
      return setProblem(t('rules.durationsCrossed'));
    }
    props.onSave(checked.data);
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
    <Modal title={t('rules.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {LANGUAGES.map((language) => (
          <fieldset key={language}>
            <legend lang={language}>{ENDONYMS[language]}</legend>
            {input(`${language}.maxLineLength`, t('rules.maxLineLength', { language: ENDONYMS[language] }))}
            {input(`${language}.maxCps`, t('rules.maxCps', { language: ENDONYMS[language] }))}
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('rules.shared')}</legend>
          {input('maxLines', t('rules.maxLines'))}
          {input('minDurationMs', t('rules.minDurationMs'))}
          {input('maxDurationMs', t('rules.maxDurationMs'))}
          {input('minGapFrames', t('rules.minGapFrames'))}
        </fieldset>
        <FormFooter
          problem={problem}
          cancelLabel={t('rules.cancel')}
          submitLabel={t('rules.save')}
          onCancel={props.onClose}
          before={
            <button type="button" onClick={() => props.onSave(undefined)}>
              {t('rules.reset')}
            </button>
          }
        />
      </form>
    </Modal>
  );
}
