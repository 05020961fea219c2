import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import i18n from './plugins/i18n'
import { registerServiceWorker } from './plugins/serviceWorker'
import vuetify from './plugins/vuetify'
import router from './router'

createApp(App).use(createPinia()).use(router).use(i18n).use(vuetify).mount('#app')
// Only the build has a worker (/sw.js); the dev server serves the sources as they change.
if (import.meta.env.PROD) registerServiceWorker(router)
