/**
 * Transpile-only (esbuild strips the types file by file, as tsconfig's isolatedModules allows);
 * type checking is the separate `tsc --noEmit` step in `npm test`.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/tools/jest/esbuild-transform.js" },
  testTimeout: 600000,
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/tools/jest/slowest-suites-reporter.js"],
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
};
