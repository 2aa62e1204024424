import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLAN_CACHE_VAR } from "./plan-cache";

/** One plan cache per jest run (see plan-cache.ts); workers inherit the variable. */
export default function globalSetup(): void {
  process.env[PLAN_CACHE_VAR] = fs.mkdtempSync(path.join(os.tmpdir(), "platform-plan-cache-"));
}
