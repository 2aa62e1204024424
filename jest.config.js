/** Transpile-only (swc); type checking is the separate `tsc --noEmit` step in `npm test`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testTimeout: 600000,
  maxWorkers: 2,
};
