import { defineConfig } from 'vitest/config';

// Database tests (*.db.test.ts) run once per database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
const databases = ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'contract/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: ['server/**/*.db.test.ts'],
          env: { TEST_DIALECT: database },
        },
      })),
    ],
  },
});
