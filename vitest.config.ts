import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    // Integration tests start real servers and SQLite files; two cores are all there is.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
})
