import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Me } from '@/api/types'

// The server's last answer to "who am I", kept in the browser: a page reloaded while the Wi-Fi is
// down (the service worker serves the app) still knows who is logged in, instead of showing "Log in"
// to an organiser whose session is fine. Every answer from the server replaces it; logging out
// replaces it with the anonymous answer. Only names and permission codenames: nothing secret, and
// the server checks every request again.
export const ME_KEY = 'it24u.me'

function remembered(): Me | null {
  try {
    const text = localStorage.getItem(ME_KEY)
    return text ? (JSON.parse(text) as Me) : null
  } catch {
    return null
  }
}

function remember(answer: Me): Me {
  try {
    localStorage.setItem(ME_KEY, JSON.stringify(answer))
  } catch {
    // storage full or disabled: the page still works, only an offline reload forgets the user
  }
  return answer
}

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  /** `me` is the remembered answer, not yet confirmed by the server (it was unreachable). */
  const remembered_ = ref(false)
  let loading: Promise<Me> | null = null

  const user = computed(() => me.value?.user ?? null)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))

  /** Whether the user holds a rest_<action>_<model> permission (the server checks again). */
  function can(codename: string): boolean {
    return permissions.value.has(codename)
  }

  function answer(value: Me): Me {
    remembered_.value = false
    me.value = remember(value)
    return value
  }

  function load(force = false): Promise<Me> {
    if (me.value && !force && !remembered_.value) return Promise.resolve(me.value)
    loading ??= api
      .me()
      .then(answer)
      .catch((error: unknown) => {
        const known = remembered()
        // Only when the server never answered: any answer of its own wins over the remembered one.
        if (error instanceof ApiError && error.status === 0 && known) {
          remembered_.value = true
          me.value ??= known
          return me.value
        }
        throw error
      })
      .finally(() => (loading = null))
    return loading
  }

  async function login(username: string, password: string) {
    await load() // the CSRF cookie comes with /api/auth/me/
    answer(await api.login(username, password))
  }

  async function logout() {
    answer(await api.logout())
  }

  return { me, remembered: remembered_, user, permissions, can, load, login, logout }
})
