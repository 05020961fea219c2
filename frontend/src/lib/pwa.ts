// What makes the app installable and able to load without a network: the routes the service
// worker answers with the cached app shell, and the web app manifest. Plain data, so that the
// build (pwa.config.ts) and the tests read the same thing.

/** Every route of the app (src/router): a navigation to one of them gets the app shell. */
export const APP_ROUTES = [
  '/',
  '/fullscreen',
  '/queue',
  '/queue-up',
  '/control',
  '/query',
  '/shifts',
  '/rewards',
  '/results',
  '/login',
] as const

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Navigations the service worker answers from its cache (path and query string). Only the app's
 * own routes: the API, the admin (wherever ADMIN_PATH puts it), /healthz and every file always
 * come from the server.
 */
export const SHELL_NAVIGATIONS = new RegExp(
  `^/(?:${APP_ROUTES.map((route) => escape(route.slice(1))).join('|')})/?(?:\\?.*)?$`,
)

/** The dark theme's background (src/plugins/vuetify.ts): the splash screen and the title bar. */
export const THEME_COLOR = '#0d1117'

// The icons are made from public/favicon.svg by scripts/icons.mjs (committed, like the SVG).
export const WEB_MANIFEST = {
  id: '/',
  name: '24-hour run',
  short_name: '24h run',
  description: 'Live laps, queue and leaderboards of the 24-hour relay run.',
  lang: 'en',
  start_url: '/',
  scope: '/',
  // The projector and the queue-up kiosk are installed to fill the screen.
  display: 'fullscreen',
  background_color: THEME_COLOR,
  theme_color: THEME_COLOR,
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  shortcuts: [
    { name: 'Full screen', url: '/fullscreen' },
    { name: 'Queue up', url: '/queue-up' },
    { name: 'Control', url: '/control' },
  ],
} as const
