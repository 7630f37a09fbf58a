// One conversation of a ChatGPT data export (conversations.json) as a Roundtable chat. The export
// stores each conversation as a tree: `mapping` holds every node by id with its parent and children,
// a node carries a message or nothing, and `current_node` is the leaf that was on screen. What is
// kept: the questions and answers (user and assistant text, parts joined), every branch (a question
// asked again or an answer regenerated become alternatives reachable with ‹ ›), the branch that was on
// screen as the kept path, the title, times, and the model where the export names it. What is left
// out: system and tool messages, hidden context, and parts that are not text (images, files); their
// replies hang from the nearest message that is kept. A node whose parent is missing from the mapping,
// or that is part of a loop of parents, cannot be placed: it is left out with its replies, and counted.
import { createHash, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { PortableChat, PortableMessage } from './roundtable-format'

export const CHATGPT_SOURCE = 'chatgpt'

const node = z.object({
  parent: z.string().nullable().optional(),
  children: z.array(z.string()).nullable().optional(),
  message: z
    .object({
      author: z.object({ role: z.string() }).nullable().optional(),
      recipient: z.string().nullable().optional(),
      content: z
        .object({
          content_type: z.string().nullable().optional(),
          parts: z.array(z.unknown()).nullable().optional(),
        })
        .nullable()
        .optional(),
      create_time: z.number().nullable().optional(),
      update_time: z.number().nullable().optional(),
      metadata: z
        .object({
          model_slug: z.string().nullable().optional(),
          is_visually_hidden_from_conversation: z.boolean().nullable().optional(),
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
})

export const chatgptConversation = z.object({
  title: z.string().nullable().optional(),
  create_time: z.number().nullable().optional(),
  update_time: z.number().nullable().optional(),
  mapping: z.record(z.string(), node, { error: 'a conversation needs its mapping of messages' }),
  current_node: z.string().nullable().optional(),
  id: z.string().nullable().optional(),
  conversation_id: z.string().nullable().optional(),
})

type ChatgptNode = z.output<typeof node>

export interface ConvertedConversation {
  /** The conversation's id in ChatGPT: how a second import of the same export is recognised. */
  sourceId: string
  chat: PortableChat
  /** Messages that could not be placed in the tree. */
  unplaced: { dangling: number; looped: number }
  /** Parts of kept messages that are not text (images, files), left out. */
  nonTextParts: number
}

const TEXT_TYPES = new Set(['text', 'multimodal_text'])
const UNTITLED = 'ChatGPT conversation'

/** The conversation as a chat; null when nothing in it is a question or an answer. */
export function convertConversation(raw: unknown): ConvertedConversation | null {
  const conversation = chatgptConversation.parse(raw)
  const mapping = new Map(Object.entries(conversation.mapping))
  const ms = (seconds: number | null | undefined) =>
    typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
      ? Math.round(seconds * 1000)
      : null
  const chatCreated = ms(conversation.create_time) ?? 0
  const chatUpdated = ms(conversation.update_time) ?? chatCreated

  // Which nodes reach a first node by their parents; the others are left out, with why.
  const placed = placeNodes(mapping)

  const onScreen = new Set<string>()
  if (conversation.current_node && placed.sound.has(conversation.current_node)) {
    let at: string | null | undefined = conversation.current_node
    while (at) {
      onScreen.add(at)
      at = mapping.get(at)?.parent
    }
  }

  // Children in the order they were written (then as the export lists them).
  const childrenOf = new Map<string, string[]>()
  const roots: string[] = []
  for (const [nodeId, entry] of mapping) {
    if (!placed.sound.has(nodeId)) continue
    const parent = entry.parent ?? null
    if (parent === null) roots.push(nodeId)
    else {
      const list = childrenOf.get(parent)
      if (list) list.push(nodeId)
      else childrenOf.set(parent, [nodeId])
    }
  }
  for (const [parent, list] of childrenOf) {
    const listed = mapping.get(parent)?.children ?? []
    const position = new Map(listed.map((child, index) => [child, index]))
    list.sort(
      (a, b) =>
        (timeOf(mapping.get(a)) ?? 0) - (timeOf(mapping.get(b)) ?? 0) ||
        (position.get(a) ?? 0) - (position.get(b) ?? 0),
    )
  }

  const chatId = randomUUID()
  const messages: PortableMessage[] = []
  const byId = new Map<string, PortableMessage>()
  const children = new Map<string | null, PortableMessage[]>()
  let nonTextParts = 0
  // The messages on the branch that was on screen.
  const shown = new Set<string>()

  // Depth first with a stack (a long conversation is a deep tree): each node with the message it
  // hangs from, the nearest one kept above it.
  const stack: Array<{ nodeId: string; parent: PortableMessage | null; time: number }> = roots
    .slice()
    .reverse()
    .map((nodeId) => ({ nodeId, parent: null, time: chatCreated }))
  while (stack.length > 0) {
    const { nodeId, parent, time: parentTime } = stack.pop() as (typeof stack)[number]
    const entry = mapping.get(nodeId)
    const message = entry?.message
    const created = ms(message?.create_time) ?? parentTime
    let here = parent
    const text = message ? textOf(message) : null
    if (message && text) {
      nonTextParts += text.nonText
      const role = message.author?.role === 'user' ? 'user' : 'assistant'
      const siblings = children.get(parent?.id ?? null) ?? []
      if (parent && parent.role === role && siblings.length === 0) {
        // A tool step between two pieces of one answer (or one question) was left out: one message.
        parent.content = `${parent.content}\n\n${text.text}`
        if (role === 'assistant' && !parent.model) parent.model = message.metadata?.model_slug ?? null
        parent.updatedAt = Math.max(parent.updatedAt, ms(message.update_time) ?? created)
      } else {
        const made: PortableMessage = {
          id: randomUUID(),
          parentId: parent?.id ?? null,
          role,
          content: text.text,
          thinking: '',
          status: 'complete',
          error: null,
          errorKind: null,
          provider: null,
          model: role === 'assistant' ? (message.metadata?.model_slug ?? null) : null,
          finishReason: null,
          target: null,
          slot: null,
          mergedFrom: null,
          vote: null,
          preferred: false,
          cached: false,
          tokensIn: null,
          tokensOut: null,
          firstTokenMs: null,
          durationMs: null,
          createdAt: created,
          updatedAt: Math.max(created, ms(message.update_time) ?? created),
          keptChildId: null,
        }
        messages.push(made)
        byId.set(made.id, made)
        siblings.push(made)
        children.set(parent?.id ?? null, siblings)
        here = made
      }
    }
    if (onScreen.has(nodeId) && here && here !== parent) {
      if (parent) parent.keptChildId = here.id
    }
    if (onScreen.has(nodeId) && here) shown.add(here.id)
    const below = childrenOf.get(nodeId) ?? []
    for (let index = below.length - 1; index >= 0; index -= 1)
      stack.push({ nodeId: below[index] as string, parent: here, time: created })
  }
  if (messages.length === 0) return null

  // Where the shown branch does not say (or was left out), the newest reply is the kept one.
  for (const message of messages) {
    const replies = children.get(message.id)
    if (replies && message.keptChildId === null) message.keptChildId = (replies.at(-1) as PortableMessage).id
  }
  const firstMessages = children.get(null) ?? []
  const keptRoot = firstMessages.find((message) => shown.has(message.id)) ?? firstMessages.at(-1) ?? null

  const firstQuestion = messages.find((message) => message.role === 'user')?.content ?? ''
  const title = conversation.title?.trim() || firstWords(firstQuestion) || UNTITLED
  return {
    sourceId: conversation.conversation_id || conversation.id || fingerprint(raw),
    chat: {
      id: chatId,
      title,
      titleSource: 'person',
      pinnedAt: null,
      createdAt: chatCreated || (messages[0] as PortableMessage).createdAt,
      updatedAt: Math.max(chatUpdated, ...messages.map((message) => message.updatedAt)),
      settings: null,
      compare: null,
      keptRootId: keptRoot?.id ?? null,
      separateFrom: null,
      messages,
    },
    unplaced: placed.unplaced,
    nonTextParts,
  }
}

function timeOf(entry: ChatgptNode | undefined): number | null {
  return entry?.message?.create_time ?? null
}

/** A node's words, if it is a question or an answer a person saw. */
function textOf(message: NonNullable<ChatgptNode['message']>): { text: string; nonText: number } | null {
  const role = message.author?.role
  if (role !== 'user' && role !== 'assistant') return null
  if (message.recipient && message.recipient !== 'all') return null
  if (message.metadata?.is_visually_hidden_from_conversation) return null
  const type = message.content?.content_type ?? 'text'
  if (!TEXT_TYPES.has(type)) return null
  const parts = message.content?.parts ?? []
  const texts = parts.filter((part): part is string => typeof part === 'string')
  const text = texts.join('\n').trim()
  if (!text) return null
  return { text, nonText: parts.length - texts.length }
}

/** Sorts every node into placed (reaches a first node by its parents), or why not. */
function placeNodes(mapping: Map<string, ChatgptNode>): {
  sound: Set<string>
  unplaced: { dangling: number; looped: number }
} {
  const state = new Map<string, 'sound' | 'dangling' | 'looped'>()
  for (const start of mapping.keys()) {
    const walked: string[] = []
    const onWalk = new Set<string>()
    let at: string = start
    let outcome: 'sound' | 'dangling' | 'looped'
    for (;;) {
      const known = state.get(at)
      if (known) {
        outcome = known === 'sound' ? 'sound' : known
        break
      }
      if (onWalk.has(at)) {
        outcome = 'looped'
        break
      }
      const entry = mapping.get(at)
      if (!entry) {
        outcome = 'dangling'
        break
      }
      walked.push(at)
      onWalk.add(at)
      const parent = entry.parent ?? null
      if (parent === null) {
        outcome = 'sound'
        break
      }
      at = parent
    }
    for (const nodeId of walked) state.set(nodeId, outcome)
  }
  const sound = new Set<string>()
  const unplaced = { dangling: 0, looped: 0 }
  for (const [nodeId, outcome] of state) {
    if (outcome === 'sound') sound.add(nodeId)
    // Only nodes with words count: an empty node left out loses nothing.
    else if (mapping.get(nodeId)?.message) unplaced[outcome] += 1
  }
  return { sound, unplaced }
}

function firstWords(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}

function fingerprint(raw: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`
}
