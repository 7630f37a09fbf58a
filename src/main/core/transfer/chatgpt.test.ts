import { describe, expect, it } from 'vitest'
import {
  branchyConversation,
  emptyConversation,
  plainConversation,
} from '../../../../test/fixtures/chatgpt-export'
import { convertConversation } from './chatgpt'
import { treeProblem } from './roundtable-format'

function convert(raw: unknown) {
  const converted = convertConversation(raw)
  if (!converted) throw new Error('nothing converted')
  const byText = (text: string) => {
    const message = converted.chat.messages.find((m) => m.content === text)
    if (!message) throw new Error(`no message ${text}`)
    return message
  }
  return { ...converted, byText }
}

describe('a ChatGPT conversation as a chat', () => {
  it('keeps questions and answers with their branches, and leaves system, tool and hidden nodes out', () => {
    const { chat, byText, sourceId } = convert(branchyConversation)
    expect(sourceId).toBe('conv-branchy')
    expect(chat.title).toBe('分支 and branches')
    expect(chat.messages.map((m) => m.content).sort()).toEqual(
      [
        '你好，世界',
        'First answer',
        'Second answer',
        'Follow-up',
        'It printed 1.',
        'Hello, world (edited)',
        'Answer to the edit',
      ].sort(),
    )
    // The regenerated answer is an alternative of the first: both answer 你好，世界.
    const question = byText('你好，世界')
    expect(question.parentId).toBeNull()
    expect(byText('First answer').parentId).toBe(question.id)
    expect(byText('Second answer').parentId).toBe(question.id)
    // The edited question is a second version of the first message.
    expect(byText('Hello, world (edited)').parentId).toBeNull()
    // Past the tool step, the answer hangs from the question it answers.
    expect(byText('It printed 1.').parentId).toBe(byText('Follow-up').id)
    expect(treeProblem(chat)).toBeNull()
  })

  it('keeps the branch that was on screen (current_node), even where a newer alternative exists', () => {
    const { chat, byText } = convert(branchyConversation)
    expect(chat.keptRootId).toBe(byText('你好，世界').id)
    expect(byText('你好，世界').keptChildId).toBe(byText('First answer').id)
    expect(byText('First answer').keptChildId).toBe(byText('Follow-up').id)
    expect(byText('Follow-up').keptChildId).toBe(byText('It printed 1.').id)
    // Off the shown branch, the newest reply is kept.
    expect(byText('Hello, world (edited)').keptChildId).toBe(byText('Answer to the edit').id)
  })

  it('names the model of each answer where the export does, and keeps times in milliseconds', () => {
    const { byText, chat } = convert(branchyConversation)
    expect(byText('First answer').model).toBe('gpt-4o')
    expect(byText('Second answer').model).toBe('o1-mini')
    expect(byText('你好，世界').model).toBeNull()
    expect(byText('你好，世界').createdAt).toBe(1_700_000_001_000)
    expect(chat.createdAt).toBe(1_700_000_000_000)
    expect(byText('First answer').provider).toBeNull()
  })

  it('leaves out, and counts, messages under a missing parent and messages in a loop', () => {
    const { unplaced, chat } = convert(branchyConversation)
    expect(unplaced).toEqual({ dangling: 2, looped: 2 })
    expect(chat.messages.some((m) => /loop|parent|Lost/.test(m.content))).toBe(false)
  })

  it('counts parts that are not text (an image) and keeps the text beside them', () => {
    const { nonTextParts, byText } = convert(branchyConversation)
    expect(nonTextParts).toBe(1)
    expect(byText('Follow-up').role).toBe('user')
  })

  it('names an untitled conversation by its first question and recognises it without an id', () => {
    const first = convert(plainConversation)
    expect(first.chat.title).toBe('What is 2 + 2?')
    expect(first.sourceId).toMatch(/^sha256:/)
    expect(convert(plainConversation).sourceId).toBe(first.sourceId)
  })

  it('a conversation with nothing to keep is no chat; one without a mapping is refused', () => {
    expect(convertConversation(emptyConversation)).toBeNull()
    expect(() => convertConversation({ title: 'x' })).toThrow()
    expect(() => convertConversation({ title: 'x', mapping: { a: { parent: 5 } } })).toThrow()
  })
})
