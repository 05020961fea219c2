import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { api } from '@/api'
import type { Me } from '@/api/types'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  let loading: Promise<Me> | null = null

  const user = computed(() => me.value?.user ?? null)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))

  /** Whether the user holds a rest_<action>_<model> permission (the server checks again). */
  function can(codename: string): boolean {
    return permissions.value.has(codename)
  }

  function load(force = false): Promise<Me> {
    if (me.value && !force) return Promise.resolve(me.value)
    loading ??= api
      .me()
      .then((answer) => (me.value = answer))
      .finally(() => (loading = null))
    return loading
  }

  async function login(username: string, password: string) {
    await load() // the CSRF cookie comes with /api/auth/me/
    me.value = await api.login(username, password)
  }

  async function logout() {
    me.value = await api.logout()
  }

  return { me, user, permissions, can, load, login, logout }
})
