import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Recognition on 2 cores is CPU-bound: run files one at a time so timings stay sane.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000
  }
})
