import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { withMetaPolicy } from './src-main/core/content-security-policy';

/**
 * The built page carries the CSP itself, from the one policy module (the dev server's page does
 * not: the React plugin's refresh preamble is an inline script).
 */
const cspMeta: Plugin = {
  name: 'webrun-desk-csp-meta',
  apply: 'build',
  transformIndexHtml: { order: 'post', handler: (html) => withMetaPolicy(html) },
};

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The integrity check's worker is its own file next to index.js (see integrity/run-check.ts),
        // and so is the shared sandbox's detached process (see shared-sandbox/launch.ts).
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          'integrity-worker': resolve(__dirname, 'src-main/core/integrity/integrity-worker.mjs'),
          'sandbox-host': resolve(__dirname, 'src-main/core/shared-sandbox/host-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        // A sandboxed preload must be one CommonJS file that requires only electron.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), cspMeta],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
