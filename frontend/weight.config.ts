// What keeps the app light on the wire (issue 14): gzipped copies of the built files, and Vuetify's
// utility classes that nothing uses left out of the CSS.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|wasm|webmanifest)$/

/**
 * Writes `name.gz` next to each compressible file of the build (best compression, once): the
 * embedded server (WhiteNoise, it24u/settings.py) sends it to a browser that accepts gzip, and
 * NGINX does too (gzip_static) instead of compressing on every request.
 */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'it24u-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    writeBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!COMPRESSIBLE.test(file.fileName)) continue
        const source = file.type === 'chunk' ? file.code : file.source
        const gzipped = gzipSync(source, { level: 9 })
        if (gzipped.length < Buffer.byteLength(source))
          writeFileSync(join(outDir, file.fileName + '.gz'), gzipped)
      }
    },
  }
}

const VUETIFY = 'node_modules/vuetify/lib'
// Vuetify's utility classes for one screen size and up (`d-sm-flex`, `ma-md-4`, `text-lg-h3`): most
// of vuetify/styles. And its colour pack (`bg-red-lighten-2`; theme colours like `bg-primary` come
// from the theme, not from these).
const RESPONSIVE = /-(sm|md|lg|xl|xxl)(-|$)/
const COLOR_PACK =
  /^(bg|text)-((red|pink|purple|deep-purple|indigo|blue|light-blue|cyan|teal|green|light-green|lime|yellow|amber|orange|deep-orange|brown|blue-grey|grey|shades)(-.+)?)$/

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Lightning CSS, which minifies the build's CSS, leaves out the classes below (builds only). */
export function trimVuetifyStyles(): Plugin {
  return {
    name: 'it24u-trim-vuetify-styles',
    apply: 'build',
    config: (config) => ({
      css: { lightningcss: { unusedSymbols: unusedVuetifyUtilities(resolve(config.root ?? '')) } },
    }),
  }
}

/**
 * The classes of vuetify/styles that no file of the app and no Vuetify component or composable
 * names, for Lightning CSS (which minifies the build) to leave out. Vuetify documents turning off
 * utilities with its Sass settings ($utilities, $color-pack: vite-plugin-vuetify's
 * `styles.configFile`), which needs the `sass` package; without it, the precompiled CSS is pruned
 * here instead, keeping every class that appears as a word anywhere in src or in Vuetify's code
 * (a colour-pack class also when its colour does, as in color="grey").
 */
function unusedVuetifyUtilities(root: string): string[] {
  const css = readFileSync(join(root, VUETIFY, 'styles/main.css'), 'utf8')
  const classes = new Set([...css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]))
  const words = new Set<string>()
  const files = [
    ...sourceFiles(join(root, 'src'), /\.(vue|ts)$/),
    ...sourceFiles(join(root, VUETIFY, 'components'), /\.js$/),
    ...sourceFiles(join(root, VUETIFY, 'composables'), /\.js$/),
    ...sourceFiles(join(root, VUETIFY, 'directives'), /\.js$/),
  ]
  for (const file of files) for (const word of readFileSync(file, 'utf8').split(/[^\w-]+/)) words.add(word)
  return [...classes].filter((name) => {
    if (words.has(name)) return false
    const color = name.match(COLOR_PACK)
    if (color) return !words.has(color[2])
    return RESPONSIVE.test(name)
  })
}
