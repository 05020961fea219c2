import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { VDataTable } from 'vuetify/components'

import i18n from './i18n'
import vuetify from './vuetify'

// An empty table shows Vuetify's own words: "No data available" and its footer.
const EmptyTable = defineComponent(
  () => () => h(VDataTable, { items: [], headers: [{ title: 'Name', key: 'name' }] }),
)

describe("Vuetify's own texts", () => {
  afterEach(() => {
    i18n.global.locale.value = 'en'
  })

  it('follow the app language, English and Dutch', async () => {
    i18n.global.locale.value = 'en'
    const wrapper = mount(EmptyTable, { global: { plugins: [i18n, vuetify] } })
    expect(wrapper.text()).toContain('No data available')
    expect(wrapper.text()).toContain('Items per page')
    i18n.global.locale.value = 'nl'
    await flushPromises()
    expect(wrapper.text()).toContain('Geen gegevens beschikbaar')
    expect(wrapper.text()).toContain('Aantal per pagina')
    expect(wrapper.text()).not.toContain('No data available')
    wrapper.unmount()
  })
})
