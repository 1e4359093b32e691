import { createI18n } from 'vue-i18n';
import { preferredLocale } from '@/lib/browserLocale';
import { de, type MessageSchema } from './de';
import { en } from './en';

export const supportedLocales = ['de', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];

const defaultLocale: Locale = 'de';
const storageKey = 'allmende.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies); the browser's language is used then.
    return null;
  }
}

/** The language chosen in the switcher, else the browser's preferred one we speak, else German. */
function initialLocale(): Locale {
  return storedLocale() ?? preferredLocale(navigator.languages ?? [navigator.language], supportedLocales) ?? defaultLocale;
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: defaultLocale,
  messages: { de, en },
});

/** Switches the interface language, remembers the choice and tells the browser via <html lang>. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Not remembered across visits; the switch itself still works.
  }
}

document.documentElement.lang = i18n.global.locale.value;
