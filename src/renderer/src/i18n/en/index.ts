import { chat } from './chat'
import { common } from './common'
import { compare } from './compare'
import { context } from './context'
import { errors } from './errors'
import { monitoring } from './monitoring'
import { search } from './search'
import { settings } from './settings'

/** One namespace per part of the app, so each part's words live beside each other. */
export const en = { common, chat, settings, compare, monitoring, search, context, errors } as const
