/**
 * Runs the fake provider as a standalone process for e2e tests, benchmarks and manual poking:
 *   tsx test/fake-provider/cli.ts --port 5191 [--key sk-...] [--models a,b] [--anthropic-models c,d]
 *     [--azure-deployments e,f] [--no-validate]
 * Prints exactly one line once it is listening, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { defaultSchemaPath } from './schema.ts'
import { startFakeProvider } from './server.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    models: { type: 'string' },
    'anthropic-models': { type: 'string' },
    'azure-deployments': { type: 'string' },
    'no-validate': { type: 'boolean', default: false },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`fake provider: --port must be 0-65535, got '${values.port}'`)
  process.exit(2)
}

/** 'a, b,,c' → ['a', 'b', 'c']; undefined stays undefined (the fake's defaults apply). */
function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0)
}

// By hand, from a clone without the shared specs beside it, the fake still runs; tests always validate.
let validate = !values['no-validate']
if (validate && !existsSync(defaultSchemaPath())) {
  console.error(
    `fake provider: ${defaultSchemaPath()} not found, so answers are not checked against the schema`,
  )
  validate = false
}

const fake = await startFakeProvider({
  port,
  apiKey: values.key,
  models: list(values.models),
  anthropicModels: list(values['anthropic-models']),
  azureDeployments: list(values['azure-deployments']),
  validate,
}).catch((error: unknown) => {
  // One readable line (e.g. EADDRINUSE, missing schema) instead of a stack trace.
  console.error(
    `fake provider: cannot start on 127.0.0.1:${port}: ${error instanceof Error ? error.message : error}`,
  )
  process.exit(1)
})
// Callers (e2e setup, scripts) wait for exactly this line, so nothing else goes to stdout.
console.log(`fake provider listening at ${fake.baseURL}`)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await fake.close()
  if (fake.schemaErrors.length > 0) {
    // Worth knowing after a manual or e2e session; stderr keeps stdout to the one line.
    console.error(
      `fake provider: ${fake.schemaErrors.length} schema error(s):\n${fake.schemaErrors.join('\n')}`,
    )
  }
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
