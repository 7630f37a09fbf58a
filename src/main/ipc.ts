// The contract wired to ipcMain: one handler per call, each checking who sent it before the input is
// validated and dispatched. Kept apart from the shell so it can be tested without Electron.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { callChannel } from '../shared/bridge'
import { callNames, type Handlers } from '../shared/contract'
import type { CallResult } from '../shared/errors'
import { dispatchCall } from './core/dispatch'

const REFUSED: CallResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'Refused: the request did not come from the Roundtable window.' },
}

export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), (event, input: unknown) =>
      isTrustedSender(event) ? dispatchCall(handlers, name, input) : REFUSED,
    )
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(callChannel(name))
  }
}
