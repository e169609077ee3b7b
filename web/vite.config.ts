import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { terminalServiceWorker } from './src/terminal/service-worker/precache-plugin.ts';

/** Where `npm run dev:web` sends what the API server answers. */
const API_SERVER = 'http://127.0.0.1:3000';
// /.well-known holds the published trust list and status list the card verifier downloads.
const SERVER_PATHS = ['/api', '/health', '/docs', '/openapi.json', '/transparency', '/.well-known'];

// Built into web/dist, which the server (src/app.ts) serves; any other page path
// gets index.html there, so the app routes on the client.
export default defineConfig(({ command }) => {
  // A build is the production bundle even from a shell with NODE_ENV=test (the test
  // runner's): Vite would otherwise bundle React's development build, 60 % larger.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    base: '/',
    plugins: [react(), terminalServiceWorker()],
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
    server: { proxy: Object.fromEntries(SERVER_PATHS.map((path) => [path, { target: API_SERVER }])) },
  };
});
