/**
 * Jest transform for the TypeScript sources: esbuild strips the types file by file (as
 * tsconfig's isolatedModules promises is safe), far faster than ts-jest's TypeScript compiler.
 * Type checking is the separate `tsc --noEmit` step of `npm test`.
 */
const { createHash } = require("node:crypto");
const { transformSync, version } = require("esbuild");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: "external",
      sourcefile: filename,
      keepNames: true,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash("sha256").update(`${version}\0${filename}\0${source}`).digest("hex");
  },
};
