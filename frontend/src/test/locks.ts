// The Web Locks API as far as the outbox uses it (jsdom has none): exclusive locks, granted in
// the order they were asked for, shared by every "tab" (Pinia) of the test like a browser's.
export function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>()
  const held = new Set<string>()
  return {
    held,
    request(name: string, callback: (lock: { name: string; mode: string }) => unknown) {
      const run = (tails.get(name) ?? Promise.resolve()).then(async () => {
        held.add(name)
        try {
          return await callback({ name, mode: 'exclusive' })
        } finally {
          held.delete(name)
        }
      })
      tails.set(
        name,
        run.catch(() => undefined),
      )
      return run
    },
  }
}

/** Gives jsdom's navigator the fake locks; returns them. */
export function installFakeLocks() {
  const locks = fakeLocks()
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  return locks
}
