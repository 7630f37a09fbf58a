import { describe, expect, it } from 'vitest'
import { safeWebUrl } from './safe-url'

describe('safeWebUrl', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/a/b?c=d#e', 'https://example.com/a/b?c=d#e'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    ['HTTPS://EXAMPLE.COM/Path', 'https://example.com/Path'],
  ])('keeps the web address %s', (url, expected) => {
    expect(safeWebUrl(url)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    'vbscript:msgbox(1)',
    'blob:https://example.com/0b3c',
    'about:blank',
  ])('refuses the non-web address %s', (url) => {
    expect(safeWebUrl(url)).toBeNull()
  })

  it.each([
    '/relative/path',
    'relative',
    './here',
    '../up',
    '//example.com/protocol-relative',
    '#anchor',
    '?q=1',
    '',
  ])('refuses the relative address %j', (url) => {
    expect(safeWebUrl(url)).toBeNull()
  })

  it('returns the normalised form, so what is shown is what opens', () => {
    expect(safeWebUrl('https://example.com/a b')).toBe('https://example.com/a%20b')
    expect(safeWebUrl('https://example.com/../x')).toBe('https://example.com/x')
  })
})
