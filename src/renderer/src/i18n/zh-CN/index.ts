import type { Catalog } from '../catalog'
import type { en } from '../en'
import { chat } from './chat'
import { common } from './common'
import { compare } from './compare'
import { context } from './context'
import { errors } from './errors'
import { monitoring } from './monitoring'
import { search } from './search'
import { settings } from './settings'

/** Simplified Chinese: every key of the English catalog (a missing one does not compile). */
export const zhCN: Catalog<typeof en> = {
  common,
  chat,
  settings,
  compare,
  monitoring,
  search,
  context,
  errors,
}
