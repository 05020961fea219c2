// The one place that talks HTTP: JSON in and out, the CSRF token, errors as ApiError.

export class ApiError extends Error {
  constructor(
    public status: number,
    public detail: string,
    public code: string,
    public body: Record<string, unknown>,
  ) {
    super(detail)
  }

  /** Field errors from a 400, keyed by field name. */
  get fields(): Record<string, string[]> {
    return (this.body.errors as Record<string, string[]>) ?? {}
  }

  /** True when the server never answered (offline, timeout, 5xx): worth retrying. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500
  }
}

type AnswerListener = () => void
const answerListeners = new Set<AnswerListener>()

/** Called whenever the server answers a request (any status): it is reachable again. */
export function onServerAnswer(listener: AnswerListener): () => void {
  answerListeners.add(listener)
  return () => answerListeners.delete(listener)
}

function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : ''
}

export async function request<T>(method: string, url: string, body?: unknown, timeoutMs = 10000): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  let response: Response
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'X-CSRFToken': csrfToken() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    })
  } catch {
    throw new ApiError(0, 'No connection to the server.', 'offline', {})
  } finally {
    clearTimeout(timer)
  }
  if (response.status < 500) answerListeners.forEach((listener) => listener())
  const text = await response.text()
  let data: Record<string, unknown> = {}
  try {
    data = text ? JSON.parse(text) : {}
  } catch {
    data = { detail: text.slice(0, 200) }
  }
  if (!response.ok) {
    const detail = typeof data.detail === 'string' ? data.detail : `The server answered ${response.status}.`
    throw new ApiError(response.status, detail, String(data.code ?? 'error'), data)
  }
  return data as T
}

export const get = <T>(url: string) => request<T>('GET', url)
export const post = <T>(url: string, body: unknown = {}) => request<T>('POST', url, body)
export const patch = <T>(url: string, body: unknown) => request<T>('PATCH', url, body)
export const del = <T>(url: string) => request<T>('DELETE', url)
