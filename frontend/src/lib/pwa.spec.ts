import { describe, expect, it } from 'vitest'

import vuetify from '@/plugins/vuetify'
import { routes } from '@/router'

import { APP_ROUTES, SHELL_NAVIGATIONS, THEME_COLOR, WEB_MANIFEST } from './pwa'

describe('the app shell the service worker answers with', () => {
  it('covers every route of the app: a route added to the router loads offline too', () => {
    const paths = routes.map((route) => route.path).filter((path) => !path.includes(':'))
    expect([...paths].sort()).toEqual([...APP_ROUTES].sort())
  })

  it('answers a navigation to any of them, with or without a query string', () => {
    for (const path of [...APP_ROUTES, '/queue/', '/login?next=%2Fcontrol', '/query?tab=without']) {
      expect(SHELL_NAVIGATIONS.test(path), path).toBe(true)
    }
  })

  it('never stands in for the server: the API, the admin, health, static files, the worker itself', () => {
    const server = [
      '/api/stats/',
      '/api/events/?seq=3',
      '/api/auth/me/',
      '/admin/',
      '/admin/competition/runner/',
      '/staff-7f3a/', // the admin at a path of one's own (ADMIN_PATH)
      '/healthz',
      '/static/app/index.html',
      '/static/admin/css/base.css',
      '/sw.js',
      '/robots.txt',
      '/controls',
      '/queue-up/extra',
    ]
    for (const path of server) expect(SHELL_NAVIGATIONS.test(path), path).toBe(false)
  })
})

describe('the web app manifest', () => {
  it('installs the app for the whole site, full screen', () => {
    expect(WEB_MANIFEST).toMatchObject({ start_url: '/', scope: '/', id: '/', display: 'fullscreen' })
  })

  it('has the icons an installed app needs: 192 and 512 pixels, and a maskable one', () => {
    const icons = WEB_MANIFEST.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']))
  })

  it('takes its colours from the dark theme', () => {
    expect(THEME_COLOR).toBe(vuetify.theme.themes.value.dark.colors.background)
    expect(WEB_MANIFEST.theme_color).toBe(THEME_COLOR)
  })

  it('leads the projector and the kiosk straight to their page', () => {
    expect(WEB_MANIFEST.shortcuts.map((s) => s.url)).toEqual(['/fullscreen', '/queue-up', '/control'])
  })
})
