import * as fs from "node:fs";
import * as path from "node:path";
import { defaultPlatform } from "../../config/platform";
import { scratchDir } from "./synth";

/** The service the grown platform adds; every address it brings names it. */
export const ADDED_SERVICE = "billing";

/** The read replica's addresses (its instance, log groups and lag alarm) all name it. */
export const isReplicaAddress = (address: string) => address.includes("replica");

/**
 * The built-in platform grown the two ways that must change no existing address: a fourth
 * service (with its API route, behind the patients authorizer) and a read replica of the main
 * database. One config for both suites that check this, so its prod root is planned once
 * (plans are shared by content); written as a file for `PLATFORM_CONFIG`.
 */
export function grownPlatformConfig(): string {
  const file = path.join(scratchDir("grown-platform"), "platform.json");
  const defaults = defaultPlatform.defaults!;
  const services = [
    ...defaults.services!,
    {
      name: ADDED_SERVICE,
      image: "example/billing:1.0.0",
      port: 8080,
      path: "/billing",
      priority: 400,
    },
  ];
  const routes = [...defaults.api!.routes!, { service: ADDED_SERVICE, authorizer: "patients" }];
  const databases = { main: { ...defaults.databases!.main, readReplicas: 1 } };
  fs.writeFileSync(
    file,
    JSON.stringify({
      ...defaultPlatform,
      defaults: { ...defaults, services, databases, api: { ...defaults.api, routes } },
    }),
  );
  return file;
}
