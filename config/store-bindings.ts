/**
 * What a service gets from each kind of store it declares: the environment variables that
 * carry the connection settings, and the secrets (with the JSON key read from the store's
 * secret, where it holds several). One table, read by the config checks (a service may not
 * set these names itself) and by the environment wiring (which sets them).
 */
export const STORE_BINDINGS = {
  database: {
    environment: { host: "DB_HOST", port: "DB_PORT", name: "DB_NAME" },
    /** The RDS-managed master secret is JSON: ECS reads one key of it per variable. */
    secrets: { DB_USERNAME: "username", DB_PASSWORD: "password" },
  },
  cache: {
    environment: { host: "REDIS_HOST", port: "REDIS_PORT" },
    /** The AUTH token secret is a plain string: the whole value. */
    secrets: { REDIS_AUTH_TOKEN: undefined },
  },
} as const;

export type BoundStoreKind = keyof typeof STORE_BINDINGS;

/** Every variable name the wiring sets for a store kind. */
export function boundVariables(kind: BoundStoreKind): string[] {
  const binding = STORE_BINDINGS[kind];
  return [...Object.values(binding.environment), ...Object.keys(binding.secrets)];
}

/**
 * The variable carrying the name of a bucket a service was granted: `BUCKET_<NAME>`, the
 * bucket's config name in upper snake case (`uploads` → `BUCKET_UPLOADS`).
 */
export const bucketVariable = (bucket: string) =>
  `BUCKET_${bucket.toUpperCase().replace(/-/g, "_")}`;

/** NFS, which every EFS mount uses. */
export const NFS_PORT = 2049;
