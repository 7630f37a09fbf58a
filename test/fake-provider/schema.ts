/**
 * Loads the vendored OpenAI chat-completions JSON Schema and compiles validators for the roots the fake
 * provider receives and sends, so the fake cannot drift away from the real API shape unnoticed.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import { Ajv2020 } from 'ajv/dist/2020.js'

export const SCHEMA_ENV_VAR = 'ROUNDTABLE_OPENAI_SCHEMA'

/** The roots (under `$defs`) that the fake provider validates against. */
export type SchemaRoot =
  | 'CreateChatCompletionRequest'
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'ListModelsResponse'
  | 'ErrorResponse'

const ROOTS: readonly SchemaRoot[] = [
  'CreateChatCompletionRequest',
  'CreateChatCompletionResponse',
  'CreateChatCompletionStreamResponse',
  'ListModelsResponse',
  'ErrorResponse',
]

/** Validates one value; returns a readable description of what is wrong, or null when it conforms. */
export type Check = (value: unknown) => string | null

export type OpenAIValidators = Record<SchemaRoot, Check>

/** `$ROUNDTABLE_OPENAI_SCHEMA`, else the copy vendored in test/fixtures/openai (see its README). */
export function defaultSchemaPath(): string {
  const fromEnv = process.env[SCHEMA_ENV_VAR]
  if (fromEnv) return fromEnv
  return fileURLToPath(new URL('../fixtures/openai/openai-chat-completions.schema.json', import.meta.url))
}

// Compiling the schema takes a noticeable moment; every fake provider in a test run shares one set.
const cache = new Map<string, OpenAIValidators>()

/** Reads and compiles the schema at `path`. Throws, naming the path, when the file is missing or unreadable. */
export function loadOpenAIValidators(path: string = defaultSchemaPath()): OpenAIValidators {
  const cached = cache.get(path)
  if (cached) return cached

  let schema: unknown
  try {
    schema = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `fake provider: cannot load the OpenAI JSON Schema from ${path} (${reason}). ` +
        `Set ${SCHEMA_ENV_VAR} to its location, or start the fake with { validate: false }.`,
    )
  }

  // strict: false because the schema carries OpenAPI extras (x-oaiMeta, discriminator, x-stainless-const);
  // validateFormats: false because ajv-formats is not installed and formats like "unixtime" are not standard.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false })
  const id = 'roundtable-openai-chat-completions'
  ajv.addSchema(schema as object, id)

  const validators = {} as OpenAIValidators
  for (const root of ROOTS) {
    const validate: ValidateFunction = ajv.compile({ $ref: `${id}#/$defs/${root}` })
    validators[root] = (value: unknown) =>
      validate(value) ? null : ajv.errorsText(validate.errors, { dataVar: root, separator: '; ' })
  }
  cache.set(path, validators)
  return validators
}
