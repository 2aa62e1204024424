import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Turns a copy of an env root into one that plans with no AWS account and no network: a
 * local backend instead of S3, and an AWS provider with fake keys that skips every call it
 * would make before planning. Terraform merges `*_override.tf.json` over the root's own
 * blocks, so the generated root itself is planned, not a variant of it.
 */
export const OFFLINE_OVERRIDE_FILE = "zz_offline_override.tf.json";

const fakeAccount = {
  access_key: "AKIAOFFLINEPLAN00000",
  secret_key: "offline-plan-fake-secret-key",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

export const offlineOverride = {
  terraform: { backend: { local: { path: "terraform.tfstate" } } },
  provider: { aws: fakeAccount },
};

/**
 * The provider part of the override for a root that also declares aliased configurations
 * (`aws.us_east_1`): Terraform overrides provider blocks per alias, so each gets its own.
 */
export function offlineProviders(aliases: readonly string[] = []) {
  if (aliases.length === 0) return offlineOverride.provider;
  return { aws: [fakeAccount, ...aliases.map((alias) => ({ alias, ...fakeAccount }))] };
}

/** The aliases of the `aws` provider blocks in a root's JSON files. */
export function providerAliases(files: readonly Record<string, any>[]): string[] {
  const aliases = new Set<string>();
  for (const file of files) {
    const blocks = file.provider?.aws;
    for (const block of Array.isArray(blocks) ? blocks : blocks ? [blocks] : []) {
      if (typeof block.alias === "string") aliases.add(block.alias);
    }
  }
  return [...aliases].sort();
}

/** The override for a root made of these JSON files: every `aws` configuration gets fake credentials. */
export function offlineOverrideFor(files: readonly Record<string, any>[]) {
  return { ...offlineOverride, provider: offlineProviders(providerAliases(files)) };
}

/**
 * Copies `<repo>/<rootRel>` and `<repo>/terraform-modules` into `workDir` keeping their
 * relative layout (roots call modules by relative path), adds the offline override, and
 * returns the copied root's path.
 */
export function prepareOfflineRoot(options: {
  readonly rootDir: string;
  readonly modulesDir: string;
  readonly workDir: string;
}): string {
  const base = commonParent(options.rootDir, options.modulesDir);
  const root = path.join(options.workDir, path.relative(base, options.rootDir));
  const modules = path.join(options.workDir, path.relative(base, options.modulesDir));
  fs.mkdirSync(root, { recursive: true });
  const json: Record<string, any>[] = [];
  for (const file of fs.readdirSync(options.rootDir)) {
    if (file.endsWith(".tf.json") || file.endsWith(".tf"))
      fs.copyFileSync(path.join(options.rootDir, file), path.join(root, file));
    if (file.endsWith(".tf.json"))
      json.push(JSON.parse(fs.readFileSync(path.join(options.rootDir, file), "utf8")));
  }
  fs.cpSync(options.modulesDir, modules, { recursive: true });
  const override = offlineOverrideFor(json);
  fs.writeFileSync(path.join(root, OFFLINE_OVERRIDE_FILE), JSON.stringify(override, null, 2));
  return root;
}

function commonParent(a: string, b: string): string {
  const pa = path.resolve(a).split(path.sep);
  const pb = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}
