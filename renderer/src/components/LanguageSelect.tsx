import { ENDONYMS, type Language } from '../../../src/languages';

/** A labelled choice of one of the project's languages, each shown by its own name. */
export function LanguageSelect(props: {
  readonly label: string;
  readonly value: Language | undefined;
  readonly languages: ReadonlyArray<Language>;
  readonly onChange: (language: Language) => void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value as Language)}>
        {props.languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {ENDONYMS[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
