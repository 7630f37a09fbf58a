// Stands in for src/renderer/src/api.ts in the bench build (see the plugin in run.ts): the page has no
// main process behind it. Every call is recorded (the run fails if any happens) and throws.
import type { Api } from '../../../src/shared/contract'

export const apiCalls: string[] = []

export const api = new Proxy({} as Api, {
  get(_target, name) {
    return () => {
      apiCalls.push(String(name))
      throw new Error(`bench: api.${String(name)} was called; the bench page has no main process`)
    }
  },
})
