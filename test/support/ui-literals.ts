// Finds words written into the page's components instead of taken from the catalogs: JSX text, text
// attributes (aria-label, title, placeholder…), strings shown as JSX children, and text-like object
// fields (label, title, hint…). Run by test/ui-literals.test.ts over the whole renderer; as a command,
// `npx tsx test/support/ui-literals.ts <folder or file>…` lists what a folder still has.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from '@babel/parser'

export interface UiLiteral {
  file: string
  line: number
  text: string
}

/** Attributes and fields whose value a person reads (or a screen reader says). */
const TEXT_NAMES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'title',
  'placeholder',
  'label',
  'hint',
  'description',
  'heading',
  'legend',
  'message',
  'confirmLabel',
  'emptyText',
  'summary',
])

/** Two letters of any script: punctuation, digits, symbols and single-letter units are not words. */
const WORDS = /\p{L}{2,}/u

// The parser's tree, loosely: every node has a type, a start line and its children as fields.
interface Node {
  type: string
  loc?: { start: { line: number } }
  [field: string]: unknown
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'

function keyName(node: unknown): string | null {
  if (!isNode(node)) return null
  if (node.type === 'Identifier' || node.type === 'JSXIdentifier') return node.name as string
  if (node.type === 'StringLiteral') return node.value as string
  return null
}

/** The string literals an expression can evaluate to directly (through ?:, ??, ||, && and +). */
function textsOf(node: Node): { node: Node; text: string }[] {
  switch (node.type) {
    case 'StringLiteral':
      return [{ node, text: node.value as string }]
    case 'TemplateLiteral': {
      const quasis = node.quasis as Node[]
      const text = quasis.map((q) => (q.value as { cooked: string }).cooked).join(' ')
      return [{ node, text }]
    }
    case 'ConditionalExpression':
      return [...textsOf(node.consequent as Node), ...textsOf(node.alternate as Node)]
    case 'LogicalExpression':
      return [...textsOf(node.left as Node), ...textsOf(node.right as Node)]
    case 'BinaryExpression':
      return node.operator === '+' ? [...textsOf(node.left as Node), ...textsOf(node.right as Node)] : []
    case 'TSAsExpression':
    case 'ParenthesizedExpression':
      return textsOf(node.expression as Node)
    default:
      return []
  }
}

export function uiLiteralsIn(file: string, source: string): UiLiteral[] {
  const tree = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] })
  const found: UiLiteral[] = []
  const report = (node: Node, text: string) => {
    if (!WORDS.test(text)) return
    found.push({ file, line: node.loc?.start.line ?? 0, text: text.trim().replace(/\s+/g, ' ').slice(0, 80) })
  }
  const reportAll = (node: unknown) => {
    if (isNode(node)) for (const item of textsOf(node)) report(item.node, item.text)
  }
  const visit = (node: Node, parent: Node | null) => {
    if (node.type === 'JSXText') report(node, node.value as string)
    else if (node.type === 'JSXAttribute') {
      const name = keyName(node.name)
      const value = node.value
      if (name && TEXT_NAMES.has(name) && isNode(value)) {
        if (value.type === 'StringLiteral') report(value, value.value as string)
        else if (value.type === 'JSXExpressionContainer') reportAll(value.expression)
      }
    } else if (
      node.type === 'JSXExpressionContainer' &&
      parent &&
      (parent.type === 'JSXElement' || parent.type === 'JSXFragment')
    ) {
      reportAll(node.expression)
    } else if (node.type === 'ObjectProperty') {
      const name = keyName(node.key)
      if (name && TEXT_NAMES.has(name)) reportAll(node.value)
    }
    for (const [field, value] of Object.entries(node)) {
      if (field === 'loc' || field === 'extra') continue
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, node)
      } else if (isNode(value)) visit(value, node)
    }
  }
  visit(tree.program as unknown as Node, null)
  return found
}

/** Components and the page's own modules; tests and the catalogs themselves are not the page's words. */
function pageFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name)
    if (statSync(full).isDirectory()) return name === 'i18n' ? [] : pageFiles(full)
    return /\.(tsx|ts)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')
      ? [full]
      : []
  })
}

export function uiLiterals(paths: readonly string[]): UiLiteral[] {
  return paths.flatMap(pageFiles).flatMap((file) => uiLiteralsIn(file, readFileSync(file, 'utf8')))
}

if (process.argv[1]?.endsWith('ui-literals.ts') && process.argv.length > 2) {
  const found = uiLiterals(process.argv.slice(2))
  for (const item of found) console.log(`${relative(process.cwd(), item.file)}:${item.line}  ${item.text}`)
  console.log(`${found.length} words not from the catalogs`)
  process.exitCode = found.length > 0 ? 1 : 0
}
