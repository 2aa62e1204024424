import { defaultPlatform } from "../config/platform";
import type { PlatformConfig } from "../config/schema";

/**
 * The built-in platform plus the rest of the data tier: a Valkey cache for sessions used by
 * `eshop`, and an EFS file system whose `uploads` access point `doctor` mounts (reference
 * architecture 003's shared storage). Build it with
 * `PLATFORM_CONFIG=examples/cache-and-files.ts npx cdktf synth`.
 */
const base = defaultPlatform.defaults!;

export const platform: PlatformConfig = {
  ...defaultPlatform,
  defaults: {
    ...base,
    services: base.services!.map((s) =>
      s.name === "eshop"
        ? { ...s, cache: "sessions" }
        : s.name === "doctor"
          ? {
              ...s,
              volumes: [
                { fileSystem: "media", accessPoint: "uploads", containerPath: "/data/uploads" },
              ],
            }
          : s,
    ),
    caches: { sessions: { engine: "valkey" } },
    fileSystems: {
      media: { accessPoints: { uploads: { path: "/uploads", uid: 1000, gid: 1000 } } },
    },
  },
};

export default platform;
