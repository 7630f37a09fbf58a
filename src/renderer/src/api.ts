import { createApi } from '../../shared/client'
import { ipcTransport } from './transport/ipc-transport'
import { webTransport } from './transport/web-transport'

/** The only way the page reaches the main process. */
export const api = createApi(window.roundtable ? ipcTransport(window.roundtable) : webTransport())
