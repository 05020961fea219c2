// English and Dutch. Each file in src/i18n/ holds one namespace ({ en, nl }), so pages keep their
// own words apart: src/i18n/stats.ts is t('stats.…').
import { createI18n } from 'vue-i18n'
import { en as vuetifyEn, nl as vuetifyNl } from 'vuetify/locale'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- nested message trees of any depth
type Messages = Record<string, any>
const modules = import.meta.glob<{ default: { en: Messages; nl: Messages } }>('../i18n/*.ts', { eager: true })

const messages: { en: Messages; nl: Messages } = { en: {}, nl: {} }
for (const [path, module] of Object.entries(modules)) {
  const name = path.split('/').pop()!.replace(/\.ts$/, '')
  messages.en[name] = module.default.en
  messages.nl[name] = module.default.nl
}
// Vuetify's own words (table footers, "No data available", pagination) follow the app's language
// through its vue-i18n adapter (src/plugins/vuetify.ts), which looks them up under $vuetify.
messages.en.$vuetify = vuetifyEn
messages.nl.$vuetify = vuetifyNl

export const LOCALES = ['en', 'nl'] as const
const STORAGE_KEY = 'it24u.locale'

export function initialLocale(): string {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved
  return navigator.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en'
}

export function rememberLocale(locale: string) {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

export default createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'en', messages })
