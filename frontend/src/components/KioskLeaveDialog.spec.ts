import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { ApiError } from '@/api/http'
import i18n from '@/plugins/i18n'

vi.mock('@/api', () => ({
  api: { me: vi.fn(), login: vi.fn(), logout: vi.fn(), universities: vi.fn(), groups: vi.fn() },
}))
globalThis.visualViewport ??= Object.assign(new EventTarget(), {
  width: 1024,
  height: 768,
  scale: 1,
}) as VisualViewport

const { api } = await import('@/api')
const { useAuthStore } = await import('@/stores/auth')
const { STORAGE_KEY, useKioskStore } = await import('@/stores/kiosk')
const KioskLeaveDialog = (await import('./KioskLeaveDialog.vue')).default

const kioskUser = { id: 3, username: 'kiosk', first_name: '', last_name: '', is_staff: false }
const me = { user: kioskUser, roles: ['competition'], permissions: ['rest_create_queueticket'] }
let wrapper: ReturnType<typeof mount> | null = null

function mountDialog() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().me = me
  wrapper = mount(KioskLeaveDialog, {
    props: { modelValue: true },
    global: { plugins: [pinia, createVuetify(), i18n] },
    attachTo: document.body,
  })
  return wrapper
}

function field(): HTMLInputElement {
  return document.querySelector('[data-test=kiosk-leave-password] input') as HTMLInputElement
}

async function confirmWith(password: string) {
  const input = field()
  input.value = password
  input.dispatchEvent(new Event('input'))
  await flushPromises()
  ;(document.querySelector('[data-test=kiosk-leave-confirm]') as HTMLElement).click()
  await flushPromises()
}

describe('leaving the kiosk', () => {
  beforeEach(() => {
    sessionStorage.clear()
    vi.clearAllMocks()
    i18n.global.locale.value = 'en'
    vi.mocked(api.me).mockResolvedValue(me)
    vi.mocked(api.logout).mockResolvedValue({ user: null, roles: ['anonymous'], permissions: [] })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('keeps the kiosk logged in when the password is wrong', async () => {
    vi.mocked(api.login).mockRejectedValue(
      new ApiError(400, 'Wrong username or password.', 'invalid_login', {}),
    )
    const dialog = mountDialog()
    await flushPromises()
    await confirmWith('guess')
    expect(api.login).toHaveBeenCalledWith('kiosk', 'guess')
    expect(api.logout).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('That is not the password of this account.')
    expect(dialog.emitted('left')).toBeUndefined()
  })

  it('logs out only after the account’s password', async () => {
    vi.mocked(api.login).mockResolvedValue(me)
    const dialog = mountDialog()
    await flushPromises()
    await confirmWith('kiosk-secret')
    expect(api.logout).toHaveBeenCalledTimes(1)
    expect(dialog.emitted('left')).toHaveLength(1)
    expect(useAuthStore().user).toBeNull()
  })

  it('forgets the student whose form was open, on screen and in the tab', async () => {
    // A half-filled form, kept for a reload (stores/kiosk.ts).
    const page = { count: 0, next: null, previous: null, results: [] }
    vi.mocked(api.universities).mockResolvedValue(page)
    vi.mocked(api.groups).mockResolvedValue(page)
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        state: {
          phase: 'register',
          busy: false,
          identification: 'r0999002',
          message: null,
          runner: null,
          position: null,
          fieldErrors: {},
          since: Date.now(),
        },
        draft: { first_name: 'Milan', last_name: '', university: 1, group: null, first_year: false },
      }),
    )
    vi.mocked(api.login).mockResolvedValue(me)
    mountDialog()
    await flushPromises()
    expect(useKioskStore().phase).toBe('register')
    await confirmWith('kiosk-secret')
    expect(useKioskStore().phase).toBe('idle')
    expect(useKioskStore().draft).toBeNull()
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('does nothing without a password', async () => {
    mountDialog()
    await flushPromises()
    await confirmWith('')
    expect(api.login).not.toHaveBeenCalled()
    expect(api.logout).not.toHaveBeenCalled()
  })
})
