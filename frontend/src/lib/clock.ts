// The server's clock as seen from here: offset = server - local, from the sample with the lowest
// round trip (its midpoint is the best guess of when the server read its clock).

export interface ClockSample {
  sentAt: number // local ms when the request left
  receivedAt: number // local ms when the answer arrived
  serverTime: number // server ms in the answer
}

export interface ClockEstimate {
  offset: number
  roundTrip: number
}

export function estimateOffset(samples: ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null
  for (const s of samples) {
    const roundTrip = s.receivedAt - s.sentAt
    if (roundTrip < 0) continue
    const offset = s.serverTime - (s.sentAt + roundTrip / 2)
    if (best === null || roundTrip < best.roundTrip) best = { offset, roundTrip }
  }
  return best
}

/** Keep the freshest `limit` samples: the clock drifts, the network changes. */
export function addSample(samples: ClockSample[], sample: ClockSample, limit = 8): ClockSample[] {
  return [...samples, sample].slice(-limit)
}

/** How long until the server's clock next shows a whole second: the one tick every timer waits for. */
export function msToNextSecond(serverMs: number): number {
  return 1000 - (((serverMs % 1000) + 1000) % 1000)
}
