// npm run dev: the API with reload on change, and Vite with hot module reload in front of it.
import { spawn } from 'node:child_process';
import { ensureDependencies, root } from './lib.mjs';

await ensureDependencies();
const apiPort = process.env.PORT ?? '3000';
// The API listens on loopback (HOST's default); 'localhost' may resolve to ::1 first and miss it.
const apiHost = !process.env.HOST || ['0.0.0.0', '::'].includes(process.env.HOST) ? '127.0.0.1' : process.env.HOST;
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: apiPort } }),
  spawn('npx', ['vite'], { cwd: root, stdio: 'inherit', env: { ...process.env, API_URL: `http://${apiHost.includes(':') ? `[${apiHost}]` : apiHost}:${apiPort}` } }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
