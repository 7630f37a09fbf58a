import { afterEach, describe, expect, it, type Mock, vi } from 'vitest'
import { type CallName, callNames, type Handlers, MAX_MESSAGE_CHARS } from '../../shared/contract'
import { wording } from '../../shared/wording'
import { dispatchCall } from './dispatch'
import { UserFacingError } from './user-facing-error'

type FakeHandlers = Record<CallName, Mock<(input: unknown) => unknown>>

function fakeHandlers(): FakeHandlers {
  const handlers = {} as FakeHandlers
  for (const name of callNames) handlers[name] = vi.fn((_input: unknown): unknown => ({ from: name }))
  return handlers
}

function run(handlers: FakeHandlers, name: string, input: unknown) {
  return dispatchCall(handlers as unknown as Handlers, name, input)
}

function totalCalls(handlers: FakeHandlers): number {
  return callNames.reduce((sum, name) => sum + handlers[name].mock.calls.length, 0)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('dispatchCall: call names', () => {
  it('refuses a name that is not in the contract', async () => {
    const handlers = fakeHandlers()
    const result = await run(handlers, 'dropDatabase', undefined)
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: expect.stringContaining('dropDatabase') },
    })
    expect(totalCalls(handlers)).toBe(0)
  })

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'refuses the inherited property name %s',
    async (name) => {
      const handlers = fakeHandlers()
      const result = await run(handlers, name, undefined)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('unknown-call')
    },
  )

  it('shortens a very long unknown name in its message', async () => {
    const result = await run(fakeHandlers(), 'x'.repeat(10_000), undefined)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200)
  })
})

describe('dispatchCall: input validation', () => {
  async function expectInvalid(name: CallName, input: unknown): Promise<string> {
    const handlers = fakeHandlers()
    const result = await run(handlers, name, input)
    expect(result.ok).toBe(false)
    expect(totalCalls(handlers)).toBe(0)
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('invalid-input')
    return result.error.message
  }

  it.each(['', '   ', '\n\t  \n'])('refuses an empty message %j', async (text) => {
    expect(await expectInvalid('sendMessage', { chatId: 'c1', text })).toBe('The message is empty.')
  })

  it('refuses a message longer than the limit, naming the limit', async () => {
    const message = await expectInvalid('sendMessage', {
      chatId: 'c1',
      text: 'a'.repeat(MAX_MESSAGE_CHARS + 1),
    })
    expect(message).toContain(MAX_MESSAGE_CHARS.toLocaleString('en'))
  })

  it('accepts a message of exactly the limit', async () => {
    const handlers = fakeHandlers()
    const text = 'a'.repeat(MAX_MESSAGE_CHARS)
    const result = await run(handlers, 'sendMessage', { chatId: 'c1', text })
    expect(result.ok).toBe(true)
    expect(handlers.sendMessage).toHaveBeenCalledWith({ chatId: 'c1', text })
  })

  it('refuses an unknown extra key', async () => {
    await expectInvalid('sendMessage', { chatId: 'c1', text: 'hi', admin: true })
  })

  it('refuses a missing chatId', async () => {
    await expectInvalid('sendMessage', { text: 'hi' })
    await expectInvalid('openChat', {})
  })

  it('refuses an empty chatId and a chatId of the wrong type', async () => {
    await expectInvalid('openChat', { chatId: '' })
    await expectInvalid('openChat', { chatId: 42 })
  })

  it('refuses input for a call that takes none', async () => {
    await expectInvalid('listChats', { anything: 1 })
  })

  it('refuses a chat name that is blank once trimmed', async () => {
    expect(await expectInvalid('renameChat', { chatId: 'c1', title: '    ' })).toBe('A chat needs a name.')
  })

  it('refuses a non-object input', async () => {
    await expectInvalid('deleteChat', 'c1')
    await expectInvalid('deleteChat', null)
  })
})

describe('dispatchCall: handlers', () => {
  it('passes the parsed input to the handler and returns its value', async () => {
    const handlers = fakeHandlers()
    handlers.renameChat.mockReturnValue({ id: 'c1', title: 'Trip' })
    const result = await run(handlers, 'renameChat', { chatId: 'c1', title: '  Trip  ' })
    expect(handlers.renameChat).toHaveBeenCalledTimes(1)
    expect(handlers.renameChat).toHaveBeenCalledWith({ chatId: 'c1', title: 'Trip' })
    expect(result).toEqual({ ok: true, value: { id: 'c1', title: 'Trip' } })
  })

  it('awaits an async handler', async () => {
    const handlers = fakeHandlers()
    handlers.listChats.mockResolvedValue([{ id: 'c1' }])
    expect(await run(handlers, 'listChats', undefined)).toEqual({ ok: true, value: [{ id: 'c1' }] })
    expect(handlers.listChats).toHaveBeenCalledWith(undefined)
  })

  it('calls only the named handler', async () => {
    const handlers = fakeHandlers()
    await run(handlers, 'stopMessage', { messageId: 'm1' })
    expect(handlers.stopMessage).toHaveBeenCalledWith({ messageId: 'm1' })
    expect(totalCalls(handlers)).toBe(1)
  })

  it('passes a UserFacingError on as it is', async () => {
    const handlers = fakeHandlers()
    handlers.openChat.mockImplementation(() => {
      throw new UserFacingError('not-found', wording('chatGone'))
    })
    expect(await run(handlers, 'openChat', { chatId: 'c1' })).toEqual({
      ok: false,
      // The page words the code in its language; the English is for the log.
      error: { code: 'not-found', message: 'That chat no longer exists.', wording: wording('chatGone') },
    })
  })

  it('passes a rejected UserFacingError on from an async handler', async () => {
    const handlers = fakeHandlers()
    handlers.deleteChat.mockRejectedValue(new UserFacingError('conflict', 'Busy.'))
    expect(await run(handlers, 'deleteChat', { chatId: 'c1' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Busy.', wording: { code: 'plain', params: { text: 'Busy.' } } },
    })
  })

  it('hides the details of any other error and logs them', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const handlers = fakeHandlers()
    handlers.createChat.mockRejectedValue(new Error('secret /path/to/file'))
    const result = await run(handlers, 'createChat', undefined)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('internal')
    expect(result.error.message).not.toContain('secret')
    expect(result.error.message).not.toContain('/path')
    expect(log).toHaveBeenCalled()
  })
})

describe('dispatchCall: text that could deceive or be mangled', () => {
  it('strips right-to-left overrides and other bidi controls from a chat name', async () => {
    const handlers = fakeHandlers()
    // "invoice" + RLO + "fdp.exe" would show as "invoiceexe.pdf" in the sidebar.
    await run(handlers, 'renameChat', { chatId: 'c1', title: 'invoice\u202Efdp.exe \u2066x\u2069\u200F' })
    expect(handlers.renameChat).toHaveBeenCalledWith({ chatId: 'c1', title: 'invoicefdp.exe x' })
  })

  it('treats a chat name made only of bidi controls as empty', async () => {
    const handlers = fakeHandlers()
    const result = await run(handlers, 'renameChat', { chatId: 'c1', title: '\u202E\u202D' })
    expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: 'A chat needs a name.' } })
  })

  it.each([
    ['a lone high surrogate', 'half an emoji \uD83D here'],
    ['a lone low surrogate', 'backwards \uDE00 pair'],
    ['a surrogate at the very end', 'cut off mid-emoji \uD83D'],
  ])('refuses a message with %s, with a sentence, instead of storing U+FFFD', async (_what, text) => {
    const handlers = fakeHandlers()
    const result = await run(handlers, 'sendMessage', { chatId: 'c1', text })
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/broken character/) },
    })
    expect(handlers.sendMessage).not.toHaveBeenCalled()
  })

  it('keeps whole emoji and other astral characters as they are', async () => {
    const handlers = fakeHandlers()
    await run(handlers, 'sendMessage', { chatId: 'c1', text: 'fine 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 数据库' })
    expect(handlers.sendMessage).toHaveBeenCalledWith({ chatId: 'c1', text: 'fine 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 数据库' })
  })

  it('refuses a lone surrogate in a chat name and a system prompt too', async () => {
    const handlers = fakeHandlers()
    const rename = await run(handlers, 'renameChat', { chatId: 'c1', title: 'bad \uD800' })
    expect(rename.ok).toBe(false)
    const settings = await run(handlers, 'updateChatSettings', { chatId: 'c1', systemPrompt: 'x\uDC00' })
    expect(settings.ok).toBe(false)
  })
})

describe('dispatchCall: storage failures', () => {
  it('names a full disk instead of an internal error', async () => {
    const handlers = fakeHandlers()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    handlers.createChat.mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    })
    const result = await run(handlers, 'createChat', undefined)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(/^The disk is full/),
        wording: { code: 'diskFull', params: {} },
      },
    })
  })
})
