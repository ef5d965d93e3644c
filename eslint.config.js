import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = (() => {
  try {
    return readdirSync('src/features', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
})();

const restrict = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});
// The console's stack names react-router-dom: it re-exports react-router, so that is the one import.
const routerImport = [{ name: 'react-router', message: "Import the router from 'react-router-dom'." }];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs['recommended-latest'] },
  // The contract is shared: it may import neither side.
  restrict(['contract/**'], [{ regex: '(^|/)(server|src)/', message: 'contract/ imports neither the server nor the SPA.' }]),
  // The SPA never imports server code.
  restrict(['src/**'], [{ regex: '(^|/)server/', message: 'The SPA talks to the server over HTTP only.' }], routerImport),
  // A feature never reaches into another feature: shared code goes to components/ or lib/.
  ...features.map((feature) => {
    const others = features.filter((other) => other !== feature);
    return restrict(
      [`src/features/${feature}/**`],
      [
        { regex: '(^|/)server/', message: 'The SPA talks to the server over HTTP only.' },
        ...(others.length
          ? [{ regex: `^(\\.\\./)+(features/)?(${others.join('|')})(/|$)`, message: 'Features never import each other.' }]
          : []),
      ],
      routerImport,
    );
  }),
);
