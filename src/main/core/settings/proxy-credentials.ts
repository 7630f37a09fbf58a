// A custom proxy's password is a secret like an API key: it lives in the secret store, and the proxy
// URL kept in settings (and shown in Settings) carries at most the user name.
import type { ProxySettings } from '../../../shared/providers'
import { validateProxyUrl } from '../net/proxy'
import type { SecretStore } from '../secrets/types'
import { UserFacingError } from '../user-facing-error'
import type { AppSettingsStore } from './app-settings'

const PROXY_PASSWORD_ACCOUNT = 'proxy:custom'

export class ProxyCredentials {
  constructor(
    private readonly settings: AppSettingsStore,
    private readonly secrets: SecretStore,
  ) {}

  /**
   * Saves proxy settings. A password in the URL goes to the secret store; a URL with a user name but
   * no password (as Settings shows it) keeps the password saved before; no user name removes it.
   */
  async save(proxy: ProxySettings): Promise<void> {
    if (proxy.mode !== 'custom') {
      this.settings.update({ proxy })
      return
    }
    const problem = validateProxyUrl(proxy.url)
    if (problem) throw new UserFacingError('invalid-input', problem)
    const url = new URL(proxy.url.trim())
    const password = decodeURIComponent(url.password)
    url.password = ''
    // Like an API key, the saved password belongs to the proxy it was typed for, never to a new one.
    const previous = this.settings.get().proxy
    const sameProxy =
      previous.mode === 'custom' &&
      sameOrigin(previous.url, url) &&
      new URL(previous.url).username === url.username
    // Order matters when a step fails: the old password is gone before the new address is saved, and
    // the new password is saved only once the address it belongs to is. A failure leaves no password
    // with the wrong proxy, at worst none at all.
    if (password || !url.username || !sameProxy) await this.secrets.delete(PROXY_PASSWORD_ACCOUNT)
    this.settings.update({ proxy: { ...proxy, url: withoutTrailingSlash(url) } })
    if (password) await this.secrets.set(PROXY_PASSWORD_ACCOUNT, password)
  }

  /** The proxy settings with the password put back, for the fetch that uses them. Main process only. */
  async effective(): Promise<ProxySettings> {
    const proxy = this.settings.get().proxy
    if (proxy.mode !== 'custom') return proxy
    const url = new URL(proxy.url)
    const password = url.username ? await this.secrets.get(PROXY_PASSWORD_ACCOUNT) : null
    if (password) url.password = encodeURIComponent(password)
    return { ...proxy, url: withoutTrailingSlash(url) }
  }
}

/** Scheme, host and port (URL.origin is "null" for socks5:, so it cannot be used here). */
function sameOrigin(saved: string, url: URL): boolean {
  try {
    const before = new URL(saved)
    return before.protocol === url.protocol && before.host === url.host
  } catch {
    return false
  }
}

function withoutTrailingSlash(url: URL): string {
  return url.href.replace(/\/$/, '')
}
