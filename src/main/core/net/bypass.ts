// Which targets skip the proxy: NO_PROXY-style rules, and loopback always.
import { isIP } from 'node:net'
import { isLoopbackHost } from '../../../shared/provider-validation'

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
}

function matchesCidr(host: string, rule: string): boolean | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(rule)
  if (!m || isIP(m[1] ?? '') !== 4) return null
  const bits = Number(m[2])
  if (bits > 32) return null
  if (isIP(host) !== 4) return false
  const size = 2 ** (32 - bits)
  return Math.floor(ipv4ToNumber(host) / size) === Math.floor(ipv4ToNumber(m[1] ?? '') / size)
}

function splitHostPort(rule: string): { host: string; port: string | null } {
  if (rule.startsWith('[')) {
    const end = rule.indexOf(']')
    if (end === -1) return { host: rule, port: null }
    const rest = rule.slice(end + 1)
    return { host: rule.slice(1, end), port: rest.startsWith(':') ? rest.slice(1) : null }
  }
  const colons = rule.split(':').length - 1
  if (colons === 1) {
    const [host = '', port = ''] = rule.split(':')
    return { host, port }
  }
  return { host: rule, port: null }
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}

export function targetPort(target: URL): string {
  if (target.port !== '') return target.port
  return target.protocol === 'https:' ? '443' : target.protocol === 'http:' ? '80' : ''
}

/**
 * Whether a request to `target` should skip the proxy, by NO_PROXY-style rules: `host` (exact),
 * `.example.com` (that domain and its subdomains), `*.example.com` (subdomains only), `host:port`,
 * `10.0.0.0/8`, `*` (everything), `<local>` (dotless host names and loopback). Loopback is always
 * bypassed, whatever the rules say.
 */
export function bypassesProxy(target: URL, bypass: string[]): boolean {
  let host = target.hostname.toLowerCase()
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (isLoopbackHost(host)) return true
  const port = targetPort(target)

  for (const raw of bypass) {
    let rule = raw.trim().toLowerCase()
    if (rule === '') continue
    if (rule === '*') return true
    if (rule === '<local>') {
      if (!host.includes('.') && isIP(host) === 0) return true
      continue
    }
    // Tolerate `http://host` and a trailing slash, as people paste them.
    rule = rule.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/$/, '')
    const cidr = matchesCidr(host, rule)
    if (cidr !== null) {
      if (cidr) return true
      continue
    }
    const parts = splitHostPort(rule)
    if (parts.port !== null && parts.port !== '' && parts.port !== port) continue
    let pattern = parts.host
    if (pattern.endsWith('.')) pattern = pattern.slice(0, -1)
    if (pattern === '') continue
    if (pattern === '*') return true
    if (pattern.startsWith('.')) {
      const domain = pattern.slice(1)
      if (host === domain || host.endsWith(pattern)) return true
    } else if (pattern.includes('*')) {
      if (globToRegExp(pattern).test(host)) return true
    } else if (host === pattern) {
      return true
    }
  }
  return false
}
