// How long a screen waits before it reconnects: "full jitter" (a random time up to an exponential
// ceiling). After a restart of the server or a Wi-Fi drop, a thousand screens then come back
// spread over seconds instead of in the same millisecond. The ceiling stays low (5 s): a screen is
// never more than 5 s late once the server is back.

export const BASE_MS = 1500
export const MAX_MS = 5000

/** The wait before reconnect attempt `attempt` (0 for the first after a drop). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}
