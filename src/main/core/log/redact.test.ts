import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REDACTED, redact } from './redact'

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')
const HEX = '0123456789abcdef'.split('')
const URL_SAFE = [...ALNUM, '-', '_']

const chars = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((list) => list.join(''))
const digit = fc.constantFrom(...'0123456789'.split(''))
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''))

/** Keys in the shapes providers hand out (random bodies, so nothing here is a real key). */
const keys = fc.oneof(
  fc.tuple(chars(ALNUM, 20, 60), digit).map(([body, d]) => `sk-${body}${d}`),
  fc.tuple(chars(ALNUM, 20, 60), digit).map(([body, d]) => `sk-proj-${d}${body}`),
  chars(URL_SAFE, 60, 95).map((body) => `sk-ant-api03-${body}`),
  chars(HEX, 64, 64).map((body) => `sk-or-v1-${body}`),
  chars(URL_SAFE, 35, 35).map((body) => `AIza${body}`),
  chars(ALNUM, 34, 34).map((body) => `hf_${body}`),
  chars(ALNUM, 52, 52).map((body) => `gsk_${body}`),
  chars(ALNUM, 40, 80).map((body) => `xai-${body}`),
  chars(ALNUM, 36, 36).map((body) => `ghp_${body}`),
  fc.tuple(letter, chars(ALNUM, 30, 62), digit).map(([a, body, d]) => `${a}${body}${d}`),
  fc
    .tuple(digit, chars(HEX, 31, 63), fc.constantFrom('a', 'b', 'f'))
    .map(([d, body, a]) => `${d}${body}${a}`),
)

/** What can stand between a key and the text around it: never a letter or digit, which would make one token. */
const separator = fc.constantFrom(
  ' ',
  '"',
  "'",
  '=',
  ': ',
  '\n',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '\t',
  '|',
)

/** The end of a key: enough that a partial leak would show, too long to turn up by chance. */
const tail = (key: string) => key.slice(-12)

describe('redact', () => {
  it('leaves no generated key, nor its tail, in any surrounding text', () => {
    fc.assert(
      fc.property(fc.string(), separator, keys, separator, fc.string(), (before, left, key, right, after) => {
        const line = `${before}${left}${key}${right}${after}`
        const out = redact(line)
        expect(out).not.toContain(key)
        if (!`${before}${after}`.includes(tail(key))) expect(out).not.toContain(tail(key))
      }),
      { numRuns: 2_000 },
    )
  })

  it('leaves no key behind a credential field, whatever its value looks like', () => {
    const fields = fc.constantFrom(
      'Authorization: Bearer ',
      'authorization: Basic ',
      'Proxy-Authorization: Basic ',
      'x-api-key: ',
      '"x-api-key":"',
      "{ 'x-api-key': '",
      "['authorization', 'Bearer ",
      'api-key=',
      'api_key=',
      'apikey: ',
      'https://example.com/v1/models?key=',
      'https://example.com/v1/models?alt=sse&key=',
      'https://proxyuser:',
    )
    // Anything a person might paste as a key: no shape assumed beyond "no space or quote".
    const anyValue = chars([...URL_SAFE, '.', '~', '+', '/'], 6, 60)
    fc.assert(
      fc.property(fc.string(), fields, anyValue, (before, field, generated) => {
        const inURL = field.startsWith('https://proxyuser:')
        // A slash would end a URL's user part: a password holds one only encoded.
        const value = inURL ? generated.replaceAll('/', '%2F') : generated
        const out = redact(`${before} ${field}${value}${inURL ? '@proxy.example:8080' : '" rest'}`)
        expect(out).not.toContain(value)
      }),
      { numRuns: 1_000 },
    )
  })

  it.each([
    ['Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
    ['proxy-authorization: Basic dXNlcjpwYXNz', `proxy-authorization: Basic ${REDACTED}`],
    ['{"authorization":"Bearer abcdefgh","x":1}', `{"authorization":"Bearer ${REDACTED}","x":1}`],
    [
      "headers: { 'x-api-key': 'hunter22', accept: '*/*' }",
      `headers: { 'x-api-key': '${REDACTED}', accept: '*/*' }`,
    ],
    ["[ 'authorization', 'Bearer shortish' ]", `[ 'authorization', 'Bearer ${REDACTED}' ]`],
    ['api_key=abc123 then more', `api_key=${REDACTED} then more`],
    ['GET /v1beta/models?key=AbC&alt=sse', `GET /v1beta/models?key=${REDACTED}&alt=sse`],
    ['socks5://alice:s3cret@10.0.0.1:1080', `socks5://alice:${REDACTED}@10.0.0.1:1080`],
    ['failed with Bearer abcdefghijkl', `failed with Bearer ${REDACTED}`],
    ['key sk-test-roundtable-0123456789abcdef was refused', `key ${REDACTED} was refused`],
    ['password: correct-horse', `password: ${REDACTED}`],
    ['azure key 0123456789abcdef0123456789abcdef', `azure key ${REDACTED}`],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_part', `jwt ${REDACTED}`],
  ])('redacts %s', (line, expected) => {
    expect(redact(line)).toBe(expected)
  })

  it.each([
    '2025-01-02T03:04:05.678Z error [roundtable] an answer failed: 429 Too Many Requests',
    'chat 1b4e28ba-2fa1-11d2-883f-0016d3cca427 message 6fa459ea-ee8a-3ca4-894e-db77e160355e',
    'could not open /home/alice/.config/Roundtable/logs/roundtable.log: EACCES',
    'C:\\Users\\Alice\\AppData\\Roaming\\Roundtable\\roundtable.db is locked',
    'GET https://api.openai.com/v1/chat/completions returned 500',
    'gpt-4o · 0.8 s · 42 tok/s · 1,234 tokens · $0.0031',
    'first token: 0.8 s, max_tokens: 4096, tokens=12',
    'the authorization was refused; check the key in Settings',
    'task-force-management-team and risk-assessment-2025',
    'getSelectedStorageBackend returned basic_text',
    'Error: ERR_STREAM_PREMATURE_CLOSE at node:internal/streams/end-of-stream:123:45',
    'Roundtable 0.1.0 on linux x64, Node 24.1.0, Electron 45.5.0, schema 7',
    'https://git@github.com/owner/repo and ssh://git@host/path',
    'model claude-3-5-sonnet-20241022 via anthropic',
  ])('leaves %s as it was', (line) => {
    expect(redact(line)).toBe(line)
  })

  it('gets through long hostile lines (its patterns never rescan a run from every position)', () => {
    for (const line of ['sk-'.repeat(200_000), 'a.'.repeat(300_000), 'password="x '.repeat(50_000)]) {
      expect(redact(line).length).toBeGreaterThan(0)
    }
  })
})
