/**
 * Transpile-only (ts-jest follows tsconfig's isolatedModules: each file compiled alone, no type check);
 * type checking is the separate `tsc --noEmit` step in `npm test`.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 600000,
  maxWorkers: 2,
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
};
