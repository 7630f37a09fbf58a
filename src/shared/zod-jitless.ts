// The first import of the preload (and of bench/compare's page), which run under our CSP. zod compiles
// validators with `new Function` where it may, and to find out it tries once; without 'unsafe-eval'
// that try is blocked and reported as a violation on every load. Jitless validation is plenty fast
// for the few inputs checked there. The app's page loads no zod at all (see shared/client.ts).
import { z } from 'zod'

z.config({ jitless: true })
