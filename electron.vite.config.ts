import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// face-api and TensorFlow.js are bundled into the engine worker instead of shipped as
// node_modules (tfjs alone is 142 MB unpacked); native or optional modules stay external.
const bundled = ['@vladmandic/face-api', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'zod', '@msgpack/msgpack', 'date-fns']

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'engine-worker': resolve(__dirname, 'src/main/engine/engine-worker.ts'),
          server: resolve(__dirname, 'src/main/server.ts'),
          cli: resolve(__dirname, 'src/main/cli/cli.ts'),
          'bench-engine': resolve(__dirname, 'bench/engine-bench.ts'),
          'bench-kiosk': resolve(__dirname, 'bench/kiosk-video-bench.ts')
        },
        external: ['@tensorflow/tfjs-node']
      }
    }
  },
  preload: {
    build: {
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [vue()]
  }
})
