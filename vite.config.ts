// Vite builds the web UI from web/ into web/dist, which the API server serves at `/` with an SPA
// fallback. In development the Vite server proxies the API and its docs to a locally running
// `coalition serve`, so the UI always talks to the real API. Everything is bundled: no CDNs,
// remote fonts or map tiles, because the tool must work on a closed network.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API_ORIGIN = 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: API_ORIGIN, changeOrigin: false },
      '/docs': { target: API_ORIGIN, changeOrigin: false },
    },
  },
});
