import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { i18n } from '../i18n/i18n'
import {
  describeFetched,
  describeKey,
  formatPrice,
  formatTokens,
  headersToText,
  keyPlaceholder,
  parseHeaders,
  parseNumberField,
  sameAzure,
  sameHeaders,
  uniqueName,
} from './format'
import { checkBypassList, checkProxyUrl, parseBypassList } from './proxy-input'

// The i18n instance marks the page's language on the document, which a test in Node has not got.

beforeAll(() => i18n.changeLanguage('en'))

describe('describeKey', () => {
  it('says where a key is, in words, with its last four characters', () => {
    expect(describeKey({ kind: 'not-set' })).toBe('Key: not set')
    expect(describeKey({ kind: 'from-environment', variable: 'OPENAI_API_KEY', lastFour: '1234' })).toBe(
      'Key: from OPENAI_API_KEY · …1234',
    )
    expect(describeKey({ kind: 'stored', backend: 'keychain', lastFour: '1234' })).toBe(
      'Key: in the system keychain · …1234',
    )
    expect(describeKey({ kind: 'stored', backend: 'safe-storage', lastFour: '1234' })).toBe(
      'Key: encrypted on this computer · …1234',
    )
    expect(describeKey({ kind: 'stored', backend: 'memory', lastFour: '1234' })).toBe(
      'Key: kept until Roundtable closes · …1234',
    )
  })

  it('describes a saved key in the empty key box without ever holding it', () => {
    expect(keyPlaceholder({ kind: 'stored', backend: 'keychain', lastFour: '1234' }, true)).toBe(
      'Saved · ends in 1234 — type to replace',
    )
    expect(keyPlaceholder(null, true)).toBe('Paste the key here')
  })
})

describe('in Chinese', () => {
  beforeAll(() => i18n.changeLanguage('zh-CN'))
  afterAll(() => i18n.changeLanguage('en'))

  it('says the same in the language shown', () => {
    expect(describeKey({ kind: 'not-set' })).toBe('密钥：未设置')
    expect(parseHeaders('X-Team: a\nno colon').error).toBe('第2行：每个请求头请写成“名称: 值”。')
    expect(describeFetched(null, 0)).toBe('尚未获取')
  })
})

describe('uniqueName', () => {
  it('numbers a name that is taken, ignoring case', () => {
    expect(uniqueName('OpenAI', [])).toBe('OpenAI')
    expect(uniqueName('OpenAI', ['openai', 'OpenAI 2'])).toBe('OpenAI 3')
  })
})

describe('parseHeaders', () => {
  it('reads one Name: value per line and skips blank lines', () => {
    expect(parseHeaders('X-Team: a\n\n  X-Trace: b:c  ')).toEqual({
      headers: { 'X-Team': 'a', 'X-Trace': 'b:c' },
      error: null,
    })
    expect(headersToText({ 'X-Team': 'a', 'X-Trace': 'b:c' })).toBe('X-Team: a\nX-Trace: b:c')
  })

  it('points at the line that is wrong', () => {
    expect(parseHeaders('X-Team: a\nno colon').error).toBe('Line 2: write each header as Name: value.')
    expect(parseHeaders('Authorization: Bearer x').error).toMatch(/^Line 1: Authorization would be stored/)
    expect(parseHeaders('X-A: 1\nx-a: 2').error).toBe('Line 2: x-a is given twice.')
  })

  it('never touches the object prototype', () => {
    const parsed = parseHeaders('__proto__: x')
    expect(Object.keys(parsed.headers)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(parsed.headers)).toBe(Object.prototype)
  })
})

describe('parseNumberField', () => {
  const tokens = { integer: true, min: 1, max: 100_000_000 }
  const price = { integer: false, min: 0, max: 100_000 }

  it('takes numbers as people type them', () => {
    expect(parseNumberField('', tokens)).toEqual({ value: null, error: null })
    expect(parseNumberField('128,000', tokens).value).toBe(128_000)
    expect(parseNumberField('128k', tokens).value).toBe(128_000)
    expect(parseNumberField('1.5m', tokens).value).toBe(1_500_000)
    expect(parseNumberField('2.5', price).value).toBe(2.5)
    expect(parseNumberField('.15', price).value).toBe(0.15)
  })

  it('explains what is wrong', () => {
    expect(parseNumberField('lots', tokens).error).toMatch(/whole number/)
    expect(parseNumberField('1.5', tokens).error).toMatch(/whole number/)
    expect(parseNumberField('0', tokens).error).toBe('Enter a number from 1 to 100,000,000.')
    expect(parseNumberField('2k', price).error).toMatch(/^Enter a number/)
    expect(parseNumberField('-1', price).error).toMatch(/^Enter a number/)
  })
})

describe('display', () => {
  it('formats sizes, prices and times', () => {
    expect(formatTokens(128_000)).toBe('128K')
    expect(formatTokens(null)).toBe('—')
    expect(formatPrice(2.5)).toBe('$2.50')
    expect(formatPrice(0.075)).toBe('$0.075')
    const now = Date.UTC(2025, 0, 10)
    expect(describeFetched(null, now)).toBe('Not fetched yet')
    expect(describeFetched(now - 20_000, now)).toBe('Fetched just now')
    expect(describeFetched(now - 3 * 60_000, now)).toBe('Fetched 3 minutes ago')
    expect(describeFetched(now - 26 * 3_600_000, now)).toBe('Fetched yesterday')
  })
})

describe('proxy fields', () => {
  it('accepts http, https and socks5 proxies', () => {
    expect(checkProxyUrl('http://proxy.example.com:8080')).toBeNull()
    expect(checkProxyUrl('socks5://127.0.0.1:1080')).toBeNull()
    expect(checkProxyUrl('ftp://proxy')).toMatch(/not ftp:\/\//)
    expect(checkProxyUrl('proxy:8080')).toMatch(/^Start the proxy address/)
    expect(checkProxyUrl('')).toMatch(/^Enter the proxy address/)
  })

  it('reads the bypass list one host per line', () => {
    expect(parseBypassList(' localhost \n\n.internal.example.com\n10.0.0.0/8')).toEqual([
      'localhost',
      '.internal.example.com',
      '10.0.0.0/8',
    ])
    expect(checkBypassList('localhost example.com')).toMatch(/one host on each line/)
  })
})

describe('sameHeaders and sameAzure', () => {
  it('compare by value', () => {
    expect(sameHeaders({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameHeaders({ a: '1' }, { a: '2' })).toBe(false)
    expect(sameHeaders({ a: '1' }, { a: '1', b: '2' })).toBe(false)
    expect(sameAzure(null, null)).toBe(true)
    expect(sameAzure({ deployment: 'd', apiVersion: 'v' }, null)).toBe(false)
    expect(sameAzure({ deployment: 'd', apiVersion: 'v' }, { deployment: 'd', apiVersion: 'v' })).toBe(true)
  })
})
