// Numbered, append-only, one file each. Never edit a migration that has shipped: add the next one.
import { chatsAndMessages } from './001-chats-and-messages'
import { providers } from './002-providers'
import { keyOrigin } from './003-key-origin'
import { breakersAndFinish } from './004-breakers-and-finish'
import { answersAndJudging } from './005-answers-and-judging'
import { pinsAndEditedModels } from './006-pins-and-edited-models'
import { tracesAndCache } from './007-traces-and-cache'
import { importedChats } from './008-imported-chats'
import { searchIndex } from './009-search-index'
import { routing } from './010-routing'
import { contextAndTemporaryChats } from './011-context-and-temporary-chats'
import { errorWording } from './012-error-wording'
import type { Migration } from './migration'

export { type Migration, runMigration } from './migration'

export const migrations: readonly Migration[] = [
  chatsAndMessages,
  providers,
  keyOrigin,
  breakersAndFinish,
  answersAndJudging,
  pinsAndEditedModels,
  tracesAndCache,
  importedChats,
  searchIndex,
  routing,
  contextAndTemporaryChats,
  errorWording,
]

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0
