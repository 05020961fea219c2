import 'vuetify/styles'

import { useI18n } from 'vue-i18n'
import { createVuetify } from 'vuetify'
import { createVueI18nAdapter } from 'vuetify/locale/adapters/vue-i18n'

import { icons } from './icons'
import i18n from './i18n'

export default createVuetify({
  icons,
  theme: {
    defaultTheme: 'dark',
    themes: {
      dark: {
        dark: true,
        colors: {
          background: '#0d1117',
          surface: '#161b22',
          primary: '#ffb020',
          secondary: '#58a6ff',
          success: '#3fb950',
          warning: '#d29922',
          error: '#f85149',
          // Text on these fills: Vuetify's pick (white, by APCA) measures 2.5–3.4:1 by WCAG 2; the
          // page's dark background measures 5.4–7.5:1.
          'on-secondary': '#0d1117',
          'on-success': '#0d1117',
          'on-warning': '#0d1117',
          'on-error': '#0d1117',
          'on-info': '#0d1117',
        },
      },
      light: {
        dark: false,
        colors: { primary: '#b36b00', secondary: '#0969da' },
      },
    },
  },
  locale: { adapter: createVueI18nAdapter({ i18n, useI18n }) },
  defaults: { VBtn: { rounded: 'lg' }, VCard: { rounded: 'lg' } },
})
