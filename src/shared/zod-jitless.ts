// The first import of the page and of the preload, which both run under our CSP. zod compiles
// validators with `new Function` where it may, and to find out it tries once; without 'unsafe-eval'
// that try is blocked and reported as a violation on every load. Jitless validation is plenty fast
// for the few inputs the page checks.
import { z } from 'zod'

z.config({ jitless: true })
