/**
 * cdktf 0.21 records a complete stack trace (no depth limit) for every token it creates, so
 * that a token failing to resolve can say where it was made; AWS CDK does this only in debug
 * mode. Capturing and formatting those traces is about a fifth of a synth's CPU. cdktf's
 * helper captures into a plain `{ stack: "" }` object with `Error.stackTraceLimit` raised to
 * `MAX_SAFE_INTEGER`; this skips exactly those captures, so the tokens get an empty creation
 * stack, while every Error keeps its trace. The output does not change (creation stacks only
 * appear in resolution errors). Set `CDKTF_CREATION_STACKS=1` to keep them while debugging.
 */
export function skipTokenCreationStacks(env: NodeJS.ProcessEnv = process.env): void {
  if (env.CDKTF_CREATION_STACKS === "1") return;
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = function captureUnlessTokenRecord(target: object, below?: Function) {
    if (isTokenRecord(target)) return;
    capture.call(Error, target, below);
  };
}

function isTokenRecord(target: object): boolean {
  if (target instanceof Error || Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) return false;
  const keys = Object.keys(target);
  return keys.length === 1 && (target as { stack?: unknown }).stack === "";
}
