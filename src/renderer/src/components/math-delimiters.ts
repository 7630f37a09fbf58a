// Math as models write it, made into what the Markdown parser reads: \( … \) and \[ … \] become $ … $
// and $$ … $$, and a lone dollar that cannot open math (a price: "$5 and $10") is kept as a dollar.
// Code, fenced or inline, is left exactly as written.

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** The text's parts, each either code (left alone) or prose (where math delimiters are read). */
function split(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = []
  let prose = ''
  let fence: string | null = null
  let block = ''
  for (const line of text.split(/(?<=\n)/)) {
    if (fence === null) {
      const opening = FENCE.exec(line)
      if (opening?.[1]) {
        fence = opening[1]
        parts.push(...splitInline(prose))
        prose = ''
        block = line
      } else prose += line
    } else {
      block += line
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
        parts.push({ code: true, text: block })
        fence = null
        block = ''
      }
    }
  }
  // A fence still open (an answer streaming) is code to its end.
  if (fence !== null) parts.push(...splitInline(prose), { code: true, text: block })
  else parts.push(...splitInline(prose))
  return parts
}

function splitInline(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = []
  const span = /(`+)[\s\S]*?\1/g
  let at = 0
  for (let match = span.exec(text); match; match = span.exec(text)) {
    parts.push({ code: false, text: text.slice(at, match.index) }, { code: true, text: match[0] })
    at = match.index + match[0].length
  }
  parts.push({ code: false, text: text.slice(at) })
  return parts
}

export function normalizeMath(text: string): string {
  if (!text.includes('$') && !text.includes('\\(') && !text.includes('\\[')) return text
  return split(text)
    .map((part) => (part.code ? part.text : prose(part.text)))
    .join('')
}

function prose(text: string): string {
  const converted = text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, body: string) => `$$${body}$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, body: string) => `$${body}$`)
    // $$ … $$ alone on its line is display math, as models mean it (the parser wants the $$ on lines
    // of their own for that).
    .replace(
      /^([ \t]*)\$\$([^\n$]+)\$\$[ \t]*$/gm,
      (_, indent: string, body: string) => `${indent}$$\n${body.trim()}\n$$`,
    )
  return escapeLoneDollars(converted)
}

/**
 * A single $ opens math only if a closing one follows in the same paragraph, with no space just inside
 * either, and no digit just after the closing one (the rule Pandoc uses); any other lone $ is escaped.
 */
function escapeLoneDollars(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (char === '\\') {
      out += text.slice(i, i + 2)
      i += 2
      continue
    }
    if (char !== '$') {
      out += char
      i++
      continue
    }
    if (text[i + 1] === '$') {
      // Display math: left to the parser, up to its closing $$.
      const close = text.indexOf('$$', i + 2)
      const end = close < 0 ? text.length : close + 2
      out += text.slice(i, end)
      i = end
      continue
    }
    const close = closingDollar(text, i)
    if (close < 0) {
      out += '\\$'
      i++
    } else {
      out += text.slice(i, close + 1)
      i = close + 1
    }
  }
  return out
}

function closingDollar(text: string, open: number): number {
  const first = text[open + 1]
  if (first === undefined || /\s/.test(first)) return -1
  for (let j = open + 1; j < text.length; j++) {
    const char = text[j]
    if (char === '\\') {
      j++
      continue
    }
    // Math does not run across a blank line.
    if (char === '\n' && text[j + 1] === '\n') return -1
    if (char === '$') {
      const before = text[j - 1] ?? ''
      const after = text[j + 1] ?? ''
      if (/\s/.test(before) || /\d/.test(after) || after === '$') return -1
      return j
    }
  }
  return -1
}
