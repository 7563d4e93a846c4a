import { defineConfig } from 'vitest/config'

// `npm run bench:sync`: the sync benchmark runs under vitest (TypeScript as is, no build
// entry), on a throwaway PostgreSQL like the sync tests.
export default defineConfig({
  test: {
    include: ['bench/sync/sync-bench.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    hookTimeout: 300_000
  }
})
