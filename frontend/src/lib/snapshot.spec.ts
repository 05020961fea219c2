import { beforeEach, describe, expect, it } from 'vitest'

import { loadSnapshot, saveSnapshot, SNAPSHOT_KEY, type Snapshot } from './snapshot'

const kept: Snapshot = {
  at: 1_000,
  state: { seq: 7, current: null, queue: [], recent: [], settings: null },
  boards: null,
  chart: [],
  totalLaps: 3,
  averageLap: 181.5,
}

describe('the data a page keeps for an offline reload', () => {
  beforeEach(() => localStorage.clear())

  it('comes back as it was kept', () => {
    saveSnapshot(kept)
    expect(loadSnapshot()).toEqual(kept)
  })

  it('is ignored when another version of the app wrote it, or it is not what we wrote', () => {
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...kept, v: 0 }))
    expect(loadSnapshot()).toBeNull()
    localStorage.setItem(SNAPSHOT_KEY, '{not json')
    expect(loadSnapshot()).toBeNull()
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: 1, at: 5, state: null }))
    expect(loadSnapshot()).toBeNull()
  })
})
