import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Me } from '@/api/types'

vi.mock('@/api', () => ({ api: { me: vi.fn(), login: vi.fn(), logout: vi.fn() } }))

const { api } = await import('@/api')
const { ME_KEY, useAuthStore } = await import('./auth')

const staff = {
  user: { username: 'admin', is_staff: true },
  permissions: ['rest_advance_lap'],
} as unknown as Me
const anonymous = { user: null, permissions: [] } as unknown as Me
const offline = () => new ApiError(0, 'No connection to the server.', 'offline', {})

describe('the auth store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
  })

  it('remembers the server answer and uses it when a reload finds no network', async () => {
    vi.mocked(api.me).mockResolvedValueOnce(staff)
    await useAuthStore().load()

    setActivePinia(createPinia()) // the page reloads, the Wi-Fi is gone
    vi.mocked(api.me).mockRejectedValueOnce(offline())
    const auth = useAuthStore()
    await auth.load()
    expect(auth.user?.username).toBe('admin')
    expect(auth.can('rest_advance_lap')).toBe(true)
    expect(auth.remembered).toBe(true)

    // The server is back: the next load asks it, and its answer wins.
    vi.mocked(api.me).mockResolvedValueOnce(anonymous)
    await auth.load()
    expect(auth.user).toBeNull()
    expect(auth.remembered).toBe(false)
    expect(JSON.parse(localStorage.getItem(ME_KEY)!)).toEqual(anonymous)
  })

  it('never uses the remembered user when the server answers, even with an error', async () => {
    localStorage.setItem(ME_KEY, JSON.stringify(staff))
    vi.mocked(api.me).mockRejectedValueOnce(new ApiError(403, 'Forbidden', 'forbidden', {}))
    const auth = useAuthStore()
    await expect(auth.load()).rejects.toThrow('Forbidden')
    expect(auth.user).toBeNull()
  })

  it('fails offline when nothing is remembered', async () => {
    vi.mocked(api.me).mockRejectedValueOnce(offline())
    await expect(useAuthStore().load()).rejects.toBeInstanceOf(ApiError)
  })

  it('forgets the user at logout', async () => {
    vi.mocked(api.me).mockResolvedValueOnce(staff)
    const auth = useAuthStore()
    await auth.load()
    vi.mocked(api.logout).mockResolvedValueOnce(anonymous)
    await auth.logout()
    expect(JSON.parse(localStorage.getItem(ME_KEY)!)).toEqual(anonymous)
  })
})
