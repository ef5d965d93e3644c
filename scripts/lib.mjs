// Helpers for the two commands; Node built-ins only, since they run before `npm install`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`))));
  });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stats.mtimeMs);
}

/** Installs npm packages when node_modules is missing or older than the lockfile. */
export async function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && newestMtime(marker) >= newestMtime(lock)) return;
  console.log('Installing npm packages (first run compiles better-sqlite3: about a minute)…');
  await run('npm', ['install', '--no-audit', '--no-fund']);
}

/** Builds the SPA when dist/ is missing or older than any of its sources. */
export async function ensureBuild() {
  const built = newestMtime(join(root, 'dist', 'index.html'));
  const sources = ['src', 'contract', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => newestMtime(join(root, p)));
  if (built > 0 && built >= Math.max(...sources)) return;
  console.log('Building the console (vite build)…');
  await run('npx', ['vite', 'build', '--logLevel', 'warn']);
}
