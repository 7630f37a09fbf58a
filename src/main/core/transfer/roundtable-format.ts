// Roundtable's own chat file: what Export chat (JSON) and Export all chats write and Import chats
// reads back. Every field a chat keeps is here (its tree, every alternative, votes, kept answers,
// settings), never a key. Checked with zod when read, then checked as a tree: a message's parent,
// kept child and merged answers must be messages of the same chat.
import { z } from 'zod'
import { CACHE_MODES, type CacheMode } from '../../../shared/providers'

export const CHAT_FILE_FORMAT = 'roundtable-chats'
export const CHAT_FILE_VERSION = 1

const MAX_TEXT = 5_000_000
const id = z.string().min(1).max(200)
const time = z.number().finite().nonnegative()
const count = z.number().int().nonnegative().nullable()
const nullableText = (max: number) => z.string().max(max).nullable()

const answerTarget = z.object({
  providerId: id,
  model: z.string().min(1).max(300),
  temperature: z.number().min(0).max(2).optional(),
})

export const portableMessage = z.object({
  id,
  parentId: id.nullable(),
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(MAX_TEXT),
  thinking: z.string().max(MAX_TEXT).default(''),
  status: z.enum(['streaming', 'complete', 'stopped', 'interrupted', 'error']),
  error: nullableText(10_000).default(null),
  errorKind: nullableText(100).default(null),
  provider: nullableText(200).default(null),
  model: nullableText(300).default(null),
  finishReason: nullableText(300).default(null),
  target: answerTarget.nullable().default(null),
  slot: z.number().int().min(0).max(1_000).nullable().default(null),
  mergedFrom: z.array(id).max(1_000).nullable().default(null),
  vote: z.union([z.literal(1), z.literal(-1), z.null()]).default(null),
  preferred: z.boolean().default(false),
  cached: z.boolean().default(false),
  tokensIn: count.default(null),
  tokensOut: count.default(null),
  firstTokenMs: count.default(null),
  durationMs: count.default(null),
  createdAt: time,
  updatedAt: time,
  keptChildId: id.nullable().default(null),
})

export const portableChat = z.object({
  id,
  title: z.string().max(1_000),
  titleSource: z.enum(['words', 'model', 'person']).default('person'),
  pinnedAt: time.nullable().default(null),
  createdAt: time,
  updatedAt: time,
  settings: z
    .object({
      providerId: id.nullable().default(null),
      model: nullableText(300).default(null),
      systemPrompt: nullableText(100_000).default(null),
      params: z
        .object({
          temperature: z.number().min(0).max(2).optional(),
          topP: z.number().min(0).max(1).optional(),
          maxTokens: z.number().int().min(1).max(1_000_000).optional(),
          reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
        })
        .default({}),
      cacheMode: z.enum(CACHE_MODES as [CacheMode, ...CacheMode[]]).default('auto'),
    })
    .nullable()
    .default(null),
  compare: z
    .object({
      targets: z.array(answerTarget).max(50),
      layout: z.enum(['columns', 'grid', 'tabs']),
      syncScroll: z.boolean(),
      blind: z.boolean(),
    })
    .nullable()
    .default(null),
  keptRootId: id.nullable().default(null),
  separateFrom: id.nullable().default(null),
  messages: z.array(portableMessage).max(1_000_000),
})

export type PortableMessage = z.output<typeof portableMessage>
export type PortableChat = z.output<typeof portableChat>

export const chatFileHeader = z.object({
  format: z.literal(CHAT_FILE_FORMAT, { error: 'The file is not a Roundtable chat file.' }),
  version: z
    .number({ error: 'The file has no version.' })
    .int()
    .refine((version) => version <= CHAT_FILE_VERSION, {
      message: 'The file was written by a newer Roundtable; update Roundtable to import it.',
    }),
  exportedAt: z.number().optional(),
})

/** What is wrong with a chat's tree, in words; null when it is sound. */
export function treeProblem(chat: PortableChat): string | null {
  const ids = new Set<string>()
  for (const message of chat.messages) {
    if (ids.has(message.id)) return `message ${message.id} appears twice`
    ids.add(message.id)
  }
  const parentOf = new Map(chat.messages.map((message) => [message.id, message.parentId]))
  for (const message of chat.messages) {
    if (message.parentId !== null && !ids.has(message.parentId))
      return `message ${message.id} answers a message that is not in the chat`
  }
  for (const message of chat.messages) {
    if (message.keptChildId !== null && parentOf.get(message.keptChildId) !== message.id)
      return `message ${message.id} keeps a reply that is not its own`
    if (message.preferred && message.parentId === null)
      return `message ${message.id} is kept but answers nothing`
    for (const merged of message.mergedFrom ?? [])
      if (!ids.has(merged)) return `message ${message.id} merges a message that is not in the chat`
  }
  if (chat.keptRootId !== null && parentOf.get(chat.keptRootId) !== null)
    return 'the chat begins at a message that is not a first message'
  if (chat.separateFrom !== null && !ids.has(chat.separateFrom))
    return 'the chat separates after a message that is not in it'
  // Every message reaches a first message by its parents (no loop).
  const reaches = new Map<string, boolean>()
  for (const start of ids) {
    const walked: string[] = []
    let at: string | null = start
    while (at !== null && !reaches.has(at)) {
      if (walked.length > ids.size) return `message ${start} is in a loop of replies`
      walked.push(at)
      at = parentOf.get(at) ?? null
    }
    for (const seen of walked) reaches.set(seen, true)
  }
  return null
}

/** The first of zod's complaints, in words a person can act on, with where it was. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'it is not in the expected shape'
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : ''
  return `${issue.message}${where}`
}
