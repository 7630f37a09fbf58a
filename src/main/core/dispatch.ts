// The single entry point from any host (ipcMain, the web host) into the handlers: it checks the call
// name against the contract, validates the input with the call's schema and turns every failure into
// a `CallFailure` a person can read. Nothing else calls handlers with untrusted input.
import type { z } from 'zod'
import { type CallName, calls, type Handlers, isCallName } from '../../shared/contract'
import type { CallResult } from '../../shared/errors'
import { english, wording } from '../../shared/wording'
import { log } from './log/log'
import { storageFailure } from './store/storage-errors'
import { UserFacingError } from './user-facing-error'

export async function dispatchCall(
  handlers: Handlers,
  name: string,
  input: unknown,
): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { code: 'unknown-call', message: `There is no call named "${name.slice(0, 60)}".` },
    }
  }
  const parsed = calls[name].input.safeParse(input)
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: describeIssues(parsed.error) } }
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof UserFacingError)
      return { ok: false, error: { code: error.code, message: error.message, wording: error.wording } }
    // A full disk or a damaged file is not a bug: say which, in words a person can act on.
    const storage = storageFailure(error)
    if (storage) {
      log.error(`call ${name as CallName} could not use the data file:`, error)
      return { ok: false, error: { code: storage.code, message: storage.message, wording: storage.wording } }
    }
    // The detail goes to the log, not to the page: it may carry paths or provider internals.
    log.error(`call ${name as CallName} failed:`, error)
    return {
      ok: false,
      error: {
        code: 'internal',
        message: english(wording('internal')),
        wording: wording('internal'),
      },
    }
  }
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request was not valid.'
  // A custom message from the contract is already a sentence; zod's own ones get the field named.
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : ''
  return first.code === 'custom' || first.message.endsWith('.') ? first.message : `${where}${first.message}`
}
