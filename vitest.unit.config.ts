import { defineConfig } from 'vitest/config';

/** Fast tier: pure domain tests, no database (`npm run test:unit`). */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
