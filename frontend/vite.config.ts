import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import vuetify from 'vite-plugin-vuetify'

import { pwa } from './pwa.config.ts'
import { precompress, trimVuetifyStyles } from './weight.config'

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8000'

export default defineConfig({
  plugins: [vue(), vuetify({ autoImport: true }), pwa('/static/app/'), trimVuetifyStyles(), precompress()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // Django serves the built app under /static/app/ (see it24u/spa.py); index.html at every route.
  base: process.env.NODE_ENV === 'production' ? '/static/app/' : '/',
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false },
  server: {
    host: '0.0.0.0',
    port: 8080,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/admin': { target: backend, changeOrigin: false },
      '/static': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    server: { deps: { inline: ['vuetify'] } },
  },
})
