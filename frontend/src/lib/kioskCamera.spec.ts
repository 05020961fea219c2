import { describe, expect, it } from 'vitest'

import { CARD_FORMATS, cameraAvailable, cameraProblem, firstCode, loadDetector } from './kioskCamera'

const named = (name: string) => Object.assign(new Error(name), { name })

describe('camera problems', () => {
  it('tells a refused permission from a missing or busy camera', () => {
    expect(cameraProblem(named('NotAllowedError'))).toBe('denied')
    expect(cameraProblem(named('NotFoundError'))).toBe('noCamera')
    expect(cameraProblem(named('OverconstrainedError'))).toBe('noCamera')
    expect(cameraProblem(named('NotReadableError'))).toBe('busy')
    expect(cameraProblem(new TypeError('no getUserMedia'))).toBe('unsupported')
    expect(cameraProblem('weird')).toBe('failed')
    expect(cameraProblem(null)).toBe('failed')
  })

  it('knows the camera needs getUserMedia', () => {
    expect(cameraAvailable({} as Navigator)).toBe(false)
    expect(cameraAvailable({ mediaDevices: { getUserMedia: () => undefined } } as unknown as Navigator)).toBe(
      true,
    )
  })
})

describe('detection', () => {
  it('takes the first code with content', () => {
    expect(firstCode([])).toBeNull()
    expect(firstCode([{ rawValue: ' ' }, { rawValue: ' R0123456 ' }])).toBe('R0123456')
  })

  it('uses the browser’s own detector when there is one, with the formats it supports', async () => {
    class Native {
      static async getSupportedFormats() {
        return ['code_128', 'qr_code', 'aztec']
      }
      constructor(public options?: { formats?: string[] }) {}
      async detect() {
        return []
      }
    }
    const detector = (await loadDetector({ BarcodeDetector: Native })) as unknown as Native
    expect(detector).toBeInstanceOf(Native)
    expect(detector.options?.formats).toEqual(['code_128', 'qr_code'])
    expect(CARD_FORMATS).toContain('code_39')
  })
})
