// The CSP forbids eval, so zod's JIT would only log a violation and fall back: turn it off before any
// schema is built (main.tsx imports this module first). zod reads its configuration from this global,
// which lets the entry set it without carrying zod's core into the sign-in route's bundle.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
