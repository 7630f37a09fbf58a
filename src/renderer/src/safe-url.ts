/** The URL if it is an absolute http(s) address; null for javascript:, data:, file:, relative and the rest. */
export function safeWebUrl(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}
