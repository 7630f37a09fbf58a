// Until the settings UI exists, the one provider comes from the environment. Keys read here are never
// written anywhere.
import { createOpenAICompatibleProvider } from './openai-compatible'
import type { ChatProvider } from './types'

export interface ConfiguredProvider {
  provider: ChatProvider
  /** ROUNDTABLE_MODEL, or null to take the first model the provider lists. */
  model: string | null
  apiKeyLastFour: string | null
}

const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1'

export function providerFromEnvironment(env: NodeJS.ProcessEnv): ConfiguredProvider | null {
  const apiKey = env.OPENAI_API_KEY?.trim() || null
  const baseURL = env.OPENAI_BASE_URL?.trim() || null
  if (!apiKey && !baseURL) return null
  const resolvedBaseURL = (baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '')
  const isOpenAI = resolvedBaseURL === OPENAI_DEFAULT_BASE_URL
  return {
    provider: createOpenAICompatibleProvider({
      id: 'env-openai',
      name: isOpenAI ? 'OpenAI' : hostLabel(resolvedBaseURL),
      baseURL: resolvedBaseURL,
      apiKey,
    }),
    model: env.ROUNDTABLE_MODEL?.trim() || null,
    apiKeyLastFour: apiKey ? apiKey.slice(-4) : null,
  }
}

function hostLabel(baseURL: string): string {
  try {
    return new URL(baseURL).host
  } catch {
    return 'the provider'
  }
}
