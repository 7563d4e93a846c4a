import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src/main/transport/security-headers'

/**
 * Writes the app's one Content-Security-Policy into the renderer's <meta> tag, so the page,
 * browser mode's headers and the Electron shell's headers cannot drift apart.
 * frame-ancestors is left out: browsers ignore it in a <meta> tag (the headers carry it).
 */
function contentSecurityPolicy(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ')
  return { name: 'clockface-csp', transformIndexHtml: (html) => html.replace('%CLOCKFACE_CSP%', policy) }
}

// face-api and TensorFlow.js are bundled into the engine worker instead of shipped as
// node_modules (tfjs alone is 142 MB unpacked); native or optional modules stay external.
const bundled = ['@vladmandic/face-api', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'zod', '@msgpack/msgpack', 'date-fns', 'file-type']

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'engine-worker': resolve(__dirname, 'src/main/engine/engine-worker.ts'),
          'live-helper-worker': resolve(__dirname, 'src/main/engine/live-helper-worker.ts'),
          server: resolve(__dirname, 'src/main/server.ts'),
          cli: resolve(__dirname, 'src/main/cli/cli.ts'),
          'bench-engine': resolve(__dirname, 'bench/engine-bench.ts'),
          'bench-kiosk': resolve(__dirname, 'bench/kiosk-video-bench.ts'),
          'bench-accuracy': resolve(__dirname, 'bench/accuracy/accuracy-bench.ts'),
          'bench-pad': resolve(__dirname, 'bench/pad/pad-bench.ts'),
          'bench-live': resolve(__dirname, 'bench/live/live-bench.ts')
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
    // vue-i18n: composition API only, no devtools hooks in production builds.
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    plugins: [vue(), contentSecurityPolicy()]
  }
})
