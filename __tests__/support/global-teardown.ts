import * as fs from "node:fs";
import { PLAN_CACHE_VAR } from "./plan-cache";

export default function globalTeardown(): void {
  const dir = process.env[PLAN_CACHE_VAR];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
