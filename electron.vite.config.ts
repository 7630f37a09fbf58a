import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      rollupOptions: {
        // serve.js is the web host: the same core for a browser (`npm run serve`). The monitoring
        // worker runs on a thread of its own, so it is a file of its own.
        input: {
          index: 'src/main/index.ts',
          serve: 'src/main/serve.ts',
          'read-worker': 'src/main/core/reads/read-worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules: one CommonJS file with its dependencies inside.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    resolve: {
      alias: {
        // KaTeX's HTML is turned into a tree by this package; its browser build parses through a
        // <template>, where every inline style is an attribute the strict CSP reports as blocked (the
        // styles still arrive, set by React). The pure JavaScript parser does the same with no DOM.
        'hast-util-from-html-isomorphic': fileURLToPath(
          new URL('./node_modules/hast-util-from-html-isomorphic/index.js', import.meta.url),
        ),
      },
    },
    build: {
      // Minified: the page parses and compiles a third of the script at start.
      minify: true,
      rollupOptions: { input: 'src/renderer/index.html' },
    },
  },
})
