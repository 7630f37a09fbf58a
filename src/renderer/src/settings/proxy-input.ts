// The proxy fields as typed. The main process checks the address thoroughly; these catch the common
// slips while the person is still looking at the field.

const MAX_BYPASS_ENTRIES = 200
const MAX_BYPASS_CHARS = 300

export function checkProxyUrl(input: string): string | null {
  const text = input.trim()
  if (text === '') return 'Enter the proxy address, e.g. http://proxy.example.com:8080.'
  if (/\s/.test(text)) return 'A proxy address cannot contain spaces.'
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
  if (!scheme) return 'Start the proxy address with http://, https:// or socks5://.'
  if (!['http', 'https', 'socks5', 'socks5h'].includes(scheme)) {
    return `Only http://, https:// and socks5:// proxies are supported, not ${scheme}://.`
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'That is not a proxy address. It should look like http://proxy.example.com:8080.'
  }
  if (!url.hostname) return 'The proxy address needs a host name.'
  return null
}

/** One entry per line; blank lines and surrounding spaces are dropped. */
export function parseBypassList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

export function checkBypassList(text: string): string | null {
  const entries = parseBypassList(text)
  if (entries.length > MAX_BYPASS_ENTRIES) return `At most ${MAX_BYPASS_ENTRIES} entries.`
  const long = entries.find((entry) => entry.length > MAX_BYPASS_CHARS)
  if (long) return `"${long.slice(0, 40)}…" is too long for a host name.`
  const spaced = entries.find((entry) => /\s/.test(entry))
  if (spaced) return `"${spaced.slice(0, 40)}" has a space in it: put one host on each line.`
  return null
}
