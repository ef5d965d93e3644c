import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // Brotli and gzip copies of every text asset, served as they are (server/platform/spa-routes.ts).
  plugins: [react(), tailwindcss(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  // Maps for whoever debugs a build locally; the server never sends them.
  build: { outDir: 'dist', sourcemap: 'hidden', manifest: true },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/account', '/accounts', '/number', '/sms', '/healthz', '/openapi.json', '/dev'].map((prefix) => [prefix, apiTarget]),
    ),
  },
});
