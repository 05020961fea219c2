// The login form: back to where the user came from, or the server's message in the form.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createVuetify } from 'vuetify'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import { stubBrowser } from '@/components/control/testing'
import i18n from '@/plugins/i18n'

import LoginView from './LoginView.vue'

stubBrowser()

vi.mock('@/api', () => ({ api: { me: vi.fn(), login: vi.fn() } }))
const anonymous = { user: null, roles: [], permissions: [] }
const admin = {
  user: { id: 1, username: 'admin', first_name: '', last_name: '', is_staff: true },
  roles: ['staff'],
  permissions: ['rest_advance_lap'],
}

async function setup(path: string) {
  setActivePinia(createPinia())
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: stub },
      { path: '/control', component: stub },
      { path: '/login', component: LoginView },
    ],
  })
  await router.push(path)
  const wrapper = mount(LoginView, { global: { plugins: [createVuetify(), i18n, router] } })
  return { wrapper, router }
}

async function submit(wrapper: Awaited<ReturnType<typeof setup>>['wrapper'], password: string) {
  await wrapper.get('[data-test="username"] input').setValue('admin')
  await wrapper.get('[data-test="password"] input').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  vi.mocked(api.me).mockReset().mockResolvedValue(anonymous)
  vi.mocked(api.login).mockReset()
})

describe('LoginView', () => {
  it('logs in and goes back to the page in ?next', async () => {
    vi.mocked(api.login).mockResolvedValue(admin)
    const { wrapper, router } = await setup('/login?next=/control')
    await submit(wrapper, 'admin')
    expect(api.login).toHaveBeenCalledWith('admin', 'admin')
    expect(router.currentRoute.value.fullPath).toBe('/control')
  })

  it('goes home without ?next, and never to another site', async () => {
    vi.mocked(api.login).mockResolvedValue(admin)
    const { wrapper, router } = await setup('/login?next=//evil.example/x')
    await submit(wrapper, 'admin')
    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it("shows the server's message for a wrong password and stays", async () => {
    vi.mocked(api.login).mockRejectedValue(
      new ApiError(400, 'Wrong username or password.', 'invalid_login', {
        detail: 'Wrong username or password.',
      }),
    )
    const { wrapper, router } = await setup('/login?next=/control')
    await submit(wrapper, 'nope')
    expect(wrapper.get('[data-test="login-error"]').text()).toBe('Wrong username or password.')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('does not send an empty form', async () => {
    const { wrapper } = await setup('/login')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.login).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Required')
  })
})
