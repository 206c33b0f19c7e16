// npm run dev: the core in browser mode plus Vite's dev server for the renderer, with hot
// reload. (electron-vite dev needs the Electron binary, which not every machine has.)
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'vite';
import react from '@vitejs/plugin-react';

const VITE_PORT = 5173;
const viteOrigin = `http://127.0.0.1:${VITE_PORT}`;

// The core runs from the CLI bundle: build it from the current sources first.
if (spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' }).status !== 0)
  process.exit(1);
const core = spawn(
  process.execPath,
  ['bin/webrun-desk.mjs', 'serve', '--allow-origin', viteOrigin],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const coreUrl = await new Promise((resolve, reject) => {
  core.stdout.on('data', (chunk) => {
    const match = /Open: (http:\/\/\S+)/.exec(String(chunk));
    if (match) resolve(new URL(match[1]));
  });
  core.on('exit', (code) => reject(new Error(`the core exited with code ${code}`)));
});

const vite = await createServer({
  root: 'src-renderer',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: VITE_PORT,
    strictPort: true,
    proxy: {
      '/api': { target: coreUrl.origin, changeOrigin: true },
      '/events': { target: coreUrl.origin.replace('http', 'ws'), ws: true, changeOrigin: true },
    },
  },
});
await vite.listen();
console.log(`Dev UI: ${viteOrigin}/?token=${coreUrl.searchParams.get('token')}`);
const stop = () => {
  core.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
