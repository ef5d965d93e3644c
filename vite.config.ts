import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: 'dist', sourcemap: true, manifest: true },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/account', '/accounts', '/number', '/sms', '/healthz', '/openapi.json', '/dev'].map((prefix) => [prefix, apiTarget]),
    ),
  },
});
