// Scanning a card with the camera: which barcode detector to use, and what a camera failure means
// for the person in front of the kiosk.

export type CameraProblem = 'unsupported' | 'denied' | 'noCamera' | 'busy' | 'failed'

/** Why getUserMedia (or the detector) failed, in words a volunteer can act on. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name ?? ''
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied'
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'noCamera'
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy'
    case 'TypeError':
      return 'unsupported'
  }
  return 'failed'
}

/** getUserMedia exists only in secure contexts (HTTPS or localhost). */
export function cameraAvailable(nav: Navigator = navigator): boolean {
  return typeof nav.mediaDevices?.getUserMedia === 'function'
}

/** The formats a student card may carry: linear codes first, and the common 2D ones. */
export const CARD_FORMATS = [
  'code_128',
  'code_39',
  'code_93',
  'codabar',
  'itf',
  'ean_13',
  'ean_8',
  'upc_a',
  'qr_code',
  'data_matrix',
  'pdf417',
]

export interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>
}

interface DetectorClass {
  new (options?: { formats?: string[] }): Detector
  getSupportedFormats(): Promise<readonly string[]>
}

/** The first non-empty code in a detection, or null. */
export function firstCode(found: { rawValue: string }[]): string | null {
  const hit = found.find((code) => code.rawValue.trim() !== '')
  return hit ? hit.rawValue.trim() : null
}

/** The browser's own BarcodeDetector, or the ZXing polyfill with its WebAssembly served by us. */
export async function loadDetector(scope: object = window): Promise<Detector> {
  let Detector: DetectorClass
  if ('BarcodeDetector' in scope) {
    Detector = (scope as { BarcodeDetector: DetectorClass }).BarcodeDetector
  } else {
    const [ponyfill, wasm] = await Promise.all([
      import('barcode-detector/ponyfill'),
      import('zxing-wasm/reader/zxing_reader.wasm?url'),
    ])
    // By default the .wasm comes from a CDN; the kiosk's Wi-Fi may reach only our server.
    ponyfill.prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.default : prefix + path),
      },
    })
    Detector = ponyfill.BarcodeDetector as unknown as DetectorClass
  }
  const supported = await Detector.getSupportedFormats()
  const formats = CARD_FORMATS.filter((f) => supported.includes(f))
  return new Detector(formats.length ? { formats } : undefined)
}
