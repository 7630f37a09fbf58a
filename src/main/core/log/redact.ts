// The one redactor every log line and every file of a diagnostics export passes through. Pure: text in,
// text out. It errs towards removing too much (a hash in a log line is lost) rather than too little.
//
// What it removes, replacing the secret part with REDACTED:
// - the value of a field named like a credential, in headers, JSON, query strings, util.inspect output
//   and `name=value` text: Authorization and Proxy-Authorization (the scheme word such as Bearer is
//   kept), x-api-key, api-key, api_key, apikey, x-goog-api-key, access_token, refresh_token, id_token,
//   client_secret, password, passwd, secret, and `key=` / `token=` as query parameters;
// - `Bearer <token>` anywhere;
// - the password in a URL (`scheme://user:password@host`; the user name is kept);
// - anything shaped like a provider key: sk-… (OpenAI, Anthropic sk-ant-, OpenRouter sk-or-, DeepSeek),
//   AIza… (Google), hf_… (Hugging Face), gsk_… (Groq), xai-…, pplx-…, nvapi-…, r8_…, fw_…, GitHub
//   tokens (ghp_, github_pat_ …), Slack (xox?-), AWS access key ids (AKIA…), JWTs (eyJ….eyJ….…);
// - any other long token that looks random: a run of 32 or more base64/base64url/hex characters
//   holding a stretch of 16 or more letters and digits mixed (Azure's 32-hex keys, Mistral's, Cohere's).
//
// What it deliberately leaves: UUIDs and ids made of short dash-separated parts (their longest part is
// 12 characters), file paths and URLs without credentials, words and identifiers without digits
// (`getSelectedStorageBackend`), numbers, version strings, `first token: 0.8 s` (a bare `token` field
// outside a query string is not a credential), and a user name in a URL.
// A random secret that happens to have no digit in its long stretches passes the generic rule; one of
// that shape from a known provider is still caught by its prefix, or by the field it sits in.

export const REDACTED = '[redacted]'

const SECRET_FIELDS = [
  'proxy-authorization',
  'authorization',
  'x-goog-api-key',
  'x-api-key',
  'api-key',
  'api_key',
  'apikey',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'passwd',
  'secret',
].join('|')

// A value: quoted (up to the same quote), or bare (up to a space, quote, comma, semicolon or bracket),
// possibly opened by a quote that never closes.
const VALUE = String.raw`"(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|["']?[^\s"',;&<>()\[\]{}]+`

// A field's name, bare or quoted, then `:` or `=`, then its value. For Authorization, a scheme word
// before a bare value is kept.
const SCHEME = String.raw`(?:Bearer|Basic|Token|Digest|Bot)\s+`
const FIELD = new RegExp(
  String.raw`(?<![A-Za-z0-9_-])(["']?)(${SECRET_FIELDS})\1(\s*[:=]\s*)(${SCHEME}|["']${SCHEME})?(${VALUE})?`,
  'gi',
)

// Headers printed as a flat list (`'authorization', 'Bearer …'`, as Node shows raw headers): only
// with the name quoted, so prose such as "authorization, then" is left alone.
const FIELD_PAIR = new RegExp(
  String.raw`(["'])(${SECRET_FIELDS})\1(\s*,\s*)(${SCHEME}|["']${SCHEME})?(${VALUE})?`,
  'gi',
)

const QUERY_SECRET = /([?&;](?:key|token|api_key|apikey|access_token|sig|signature)=)([^&#\s"'<>]+)/gi

const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s/@:?#]*):([^\s/@?#]+)@/gi

const KEY_SHAPES: RegExp[] = [
  // (the digit a real key always has is checked in redact(): a lookahead here would rescan long runs)
  /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16,}/g,
  /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}/g,
  /(?<![A-Za-z0-9_-])(?:hf|gsk|r8|fw|ghp|gho|ghu|ghs|ghr|github_pat|glpat)[_-][A-Za-z0-9_-]{16,}/g,
  /(?<![A-Za-z0-9_-])(?:xai|pplx|nvapi)-[A-Za-z0-9_-]{16,}/g,
  /(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
]

/** A run that could be an encoded secret; judged by looksRandom before it goes. */
const LONG_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g
const STRETCH = /[A-Za-z0-9]{16,}/g

function looksRandom(run: string): boolean {
  for (const stretch of run.match(STRETCH) ?? []) {
    if (/[0-9]/.test(stretch) && /[A-Za-z]/.test(stretch)) return true
  }
  return false
}

/** A value replaced, its quotes kept so the line still reads as what it was (JSON stays JSON). */
function hide(value: string): string {
  const open = value[0] === '"' || value[0] === "'" ? value[0] : ''
  const closed = open !== '' && value.length > 1 && value.endsWith(open)
  return `${open}${REDACTED}${closed ? open : ''}`
}

function field(
  match: string,
  q: string,
  name: string,
  sep: string,
  scheme: string | undefined,
  value: string | undefined,
): string {
  if (!value && !scheme) return match
  // A scheme opened by a quote (`'Bearer abc'`): the value's closing quote is its own.
  const opened = scheme && (scheme[0] === '"' || scheme[0] === "'") ? scheme[0] : ''
  const rest = value ? hide(opened ? `${opened}${value}` : value).slice(opened.length) : REDACTED
  return `${q}${name}${q}${sep}${scheme ?? ''}${rest}`
}

/** One line (or a whole file) with every credential in it replaced by REDACTED. */
export function redact(text: string): string {
  let out = text.replace(FIELD, field)
  out = out.replace(FIELD_PAIR, field)
  out = out.replace(QUERY_SECRET, (_match, name: string) => `${name}${REDACTED}`)
  out = out.replace(BEARER, (_match, scheme: string) => `${scheme}${REDACTED}`)
  out = out.replace(URL_PASSWORD, (_match, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
  for (const shape of KEY_SHAPES) {
    out = out.replace(shape, (token) => (token.startsWith('sk-') && !/[0-9]/.test(token) ? token : REDACTED))
  }
  out = out.replace(LONG_RUN, (run) => (looksRandom(run) ? REDACTED : run))
  return out
}
