import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en/translation.json';
import ko from '../../locales/ko/translation.json';
import ru from '../../locales/ru/translation.json';
import uk from '../../locales/uk/translation.json';
import { isLanguage, type Language } from '../../src/languages';

const STORAGE_KEY = 'subrelay.interfaceLanguage';

/** The interface language: the user's last choice, else the system's, else English. */
export function initialInterfaceLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function rememberInterfaceLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      ko: { translation: ko },
      uk: { translation: uk },
      ru: { translation: ru },
    },
    lng: initialInterfaceLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}
