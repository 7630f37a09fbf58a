// One adapter per wire protocol; presets only choose which, and fill in the addresses.
import { createAnthropicProvider } from './anthropic'
import { createOpenAICompatibleProvider } from './openai-compatible'
import type { ChatProvider, ProviderConnection } from './types'

export function createProvider(connection: ProviderConnection): ChatProvider {
  switch (connection.protocol) {
    case 'anthropic':
      return createAnthropicProvider(connection)
    case 'openai':
    case 'azure-openai':
      return createOpenAICompatibleProvider(connection)
  }
}
