// npm start: install what is missing, build the SPA if stale, then serve SPA and API on one port.
import { spawn } from 'node:child_process';
import { ensureBuild, ensureDependencies, root } from './lib.mjs';

await ensureDependencies();
await ensureBuild();

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
