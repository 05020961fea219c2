import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createVuetify } from 'vuetify'

import { emptyRegistration, NAME_MAX_LENGTH, type Registration } from '@/lib/kiosk'
import i18n from '@/plugins/i18n'

import KioskRegisterForm from './KioskRegisterForm.vue'

const universities = [{ id: 1, name: 'KU Leuven', abbreviation: 'KU Leuven', student_id_pattern: '' }]
let wrapper: ReturnType<typeof mount> | null = null

function mountForm(props: { errors?: Record<string, string[]>; draft?: Registration | null } = {}) {
  i18n.global.locale.value = 'en'
  wrapper = mount(KioskRegisterForm, {
    props: { identification: 'r0999002', universities, groups: [], errors: {}, busy: false, ...props },
    global: { plugins: [createVuetify(), i18n] },
    attachTo: document.body,
  })
  return wrapper
}

const counter = (form: ReturnType<typeof mount>, field: string) =>
  form.find(`[data-test=${field}] .v-counter`).element as HTMLElement

describe('the registration form', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('shows the length limit while a name is typed, and takes no more than the server keeps', async () => {
    const form = mountForm()
    await flushPromises()
    const first = form.find('[data-test=first-name] input')
    expect(first.attributes('maxlength')).toBe(String(NAME_MAX_LENGTH))
    expect(form.find('[data-test=last-name] input').attributes('maxlength')).toBe(String(NAME_MAX_LENGTH))
    ;(first.element as HTMLInputElement).focus()
    await first.setValue('Milan')
    expect(counter(form, 'first-name').style.display).not.toBe('none')
    expect(counter(form, 'first-name').textContent).toBe(`5 / ${NAME_MAX_LENGTH}`)
  })

  it('reports every change with the whole form', async () => {
    const form = mountForm()
    await flushPromises()
    await form.find('[data-test=last-name] input').setValue('Peeters')
    await flushPromises()
    const changes = form.emitted('change') as Registration[][]
    expect(changes.at(-1)?.[0]).toEqual({ ...emptyRegistration(), university: 1, last_name: 'Peeters' })
  })

  it('starts from what was typed before a reload', async () => {
    const draft = { ...emptyRegistration(), first_name: 'Milan', university: 1, first_year: true }
    const form = mountForm({ draft })
    await flushPromises()
    expect((form.find('[data-test=first-name] input').element as HTMLInputElement).value).toBe('Milan')
    expect((form.find('[data-test=first-year] input').element as HTMLInputElement).checked).toBe(true)
  })

  it('shows a server error under its field', async () => {
    const form = mountForm({ errors: { last_name: ['Ensure this field has no more than 100 characters.'] } })
    await flushPromises()
    expect(form.find('[data-test=last-name] .v-messages').text()).toContain('no more than 100')
    expect(form.find('[data-test=first-name] .v-messages').text()).toBe('')
  })
})
