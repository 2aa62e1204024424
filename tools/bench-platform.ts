import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultPlatform } from "../config/platform";
import type { PlatformConfig } from "../config/schema";

/** The built-in platform grown to `count` services per environment, written to a temp file. */
export function scaledPlatformFile(count: number): string {
  const template = defaultPlatform.defaults!.services![0]!;
  const services = Array.from({ length: count }, (_, i) => ({
    ...template,
    name: `svc${i + 1}`,
    path: `/svc${i + 1}`,
    priority: 100 + i * 10,
  }));
  const config: PlatformConfig = {
    ...defaultPlatform,
    defaults: {
      ...defaultPlatform.defaults,
      services,
      api: {
        ...defaultPlatform.defaults!.api,
        routes: services.map((s) => ({ service: s.name, authorizer: "patients" })),
      },
    },
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-config-")), "platform.json");
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
