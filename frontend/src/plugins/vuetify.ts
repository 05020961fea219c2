import '@mdi/font/css/materialdesignicons.css'
import 'vuetify/styles'

import { createVuetify } from 'vuetify'

export default createVuetify({
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
        },
      },
      light: {
        dark: false,
        colors: { primary: '#b36b00', secondary: '#0969da' },
      },
    },
  },
  defaults: { VBtn: { rounded: 'lg' }, VCard: { rounded: 'lg' } },
})
