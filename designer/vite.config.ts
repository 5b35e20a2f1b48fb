import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiPort = process.env['API_PORT'] ?? '8080';
const apiHost = process.env['SUNLIGHT_HOST'] ?? '127.0.0.1';

// The web app is served by Vite; /api goes to the Sunlight API, so the browser sees one origin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: { '/api': { target: `http://${apiHost}:${apiPort}`, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: `http://${apiHost}:${apiPort}`, changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
