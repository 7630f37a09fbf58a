// A stored key belongs to the server it was saved for. The binding is the origin (scheme, host and
// port) of the provider's base URL at the moment the key was saved: another path on that server is the
// same provider, another host or port may be anyone's, so the key is never sent there.

/** `https://api.openai.com` for `https://api.openai.com/v1`; null for something that is not a URL. */
export function originOf(baseURL: string): string | null {
  try {
    const url = new URL(baseURL)
    return url.origin === 'null' ? null : url.origin
  } catch {
    return null
  }
}

/** Whether a key saved for `keyOrigin` may be sent to a provider at `baseURL`. */
export function keyMayGoTo(keyOrigin: string | null, baseURL: string): boolean {
  const target = originOf(baseURL)
  return keyOrigin !== null && target !== null && keyOrigin === target
}

/** Why a saved key was not sent: the person must type it again for the new server. */
