/**
 * Screen texts in English and Spanish through vue-i18n's composition API (`useI18n()` and
 * `t('area.key')` in components). Messages live in one module per area under
 * locales/<language>/ so areas of the app can grow their texts independently; every Spanish
 * module must have the keys of its English one (checked by the type of locales/es/index.ts).
 * The language is an owner setting (settingsSchema.language), applied by {@link setLanguage}.
 */
import { createI18n } from 'vue-i18n'
import type { Language } from '../../../shared/attendance-models'
import en from './locales/en'
import es from './locales/es'

/** The shape every language's messages must have: the English ones. */
export type MessageSchema = typeof en

/** The app's i18n instance; install it with `app.use(i18n)`. */
export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en, es }
})

/** Switches every screen to `language` and sets `<html lang>` so screen readers follow. */
export function setLanguage(language: Language): void {
  i18n.global.locale.value = language
  if (typeof document !== 'undefined') document.documentElement.lang = language
}
