// Which tokenizer counts a model's tokens. OpenAI's families have published encodings; every other
// model (Claude, Gemini, Llama, Qwen, DeepSeek, ...) is counted with o200k_base as a close estimate,
// which the provider's reported usage then corrects (see token-calibration.ts).

export type Encoding = 'o200k_base' | 'cl100k_base'

export interface ModelEncoding {
  encoding: Encoding
  /** True when the encoding is the model's own, false when it stands in for one we cannot run. */
  exact: boolean
}

// Matched against the model id's last path segment, so "openai/gpt-4o" and Azure deployments that
// keep the model's name count alike.
const O200K = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|gpt-oss)/i
const CL100K = /^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada)/i

export function encodingFor(model: string): ModelEncoding {
  const name = model.split('/').at(-1) ?? model
  if (O200K.test(name)) return { encoding: 'o200k_base', exact: true }
  if (CL100K.test(name)) return { encoding: 'cl100k_base', exact: true }
  return { encoding: 'o200k_base', exact: false }
}
