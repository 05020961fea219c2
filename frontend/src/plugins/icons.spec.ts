import { mdiFlagCheckered } from '@mdi/js'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createVuetify } from 'vuetify'
import { VIcon } from 'vuetify/components'

import { icons, paths } from './icons'

// Every .vue and .ts file under src, as text (this map's own file aside).
const SOURCES = import.meta.glob<string>(['/src/**/*.{vue,ts}', '!/src/plugins/icons.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
})
// An icon's name as the components write it; not the end of a path ('vuetify/iconsets/mdi-svg').
const ICON_NAME = /(?<![\w/@.-])mdi-[a-z0-9]+(?:-[a-z0-9]+)*/g

/** Every icon name in a file under src, with the first file that names it. */
function namedIcons(): Map<string, string> {
  const found = new Map<string, string>()
  for (const [file, text] of Object.entries(SOURCES)) {
    for (const [name] of text.matchAll(ICON_NAME)) {
      if (!found.has(name)) found.set(name, file)
    }
  }
  return found
}

describe('icons', () => {
  it('has a path for every icon a component names', () => {
    const missing = [...namedIcons()]
      .filter(([name]) => !(name in paths))
      .map(([name, file]) => `${name} (${file}): add it to src/plugins/icons.ts from @mdi/js`)
    expect(missing).toEqual([])
  })

  it('holds no icon that nothing names (each one is in the bundle)', () => {
    const named = namedIcons()
    expect(Object.keys(paths).filter((name) => !named.has(name))).toEqual([])
  })

  it('draws a named icon and a Vuetify icon as inline SVG paths', () => {
    const vuetify = createVuetify({ icons })
    const named = mount(VIcon, { props: { icon: 'mdi-flag-checkered' }, global: { plugins: [vuetify] } })
    expect(named.get('svg path').attributes('d')).toBe(mdiFlagCheckered)
    const builtIn = mount(VIcon, { props: { icon: '$menu' }, global: { plugins: [vuetify] } })
    expect(builtIn.get('svg path').attributes('d')).toMatch(/^M3,6H21/)
  })
})
