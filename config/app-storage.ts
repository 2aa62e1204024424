import { TRANSITION_MIN_DAYS } from "../constructs/s3-bucket/spec";
import type { CheckContext } from "./parsed";
import { bucketVariable } from "./store-bindings";

/** Checks on buckets, application secrets and what services and app tiers reference of them. */
export function checkAppStorage({ settings, declared, fail }: CheckContext): void {
  for (const [name, bucket] of Object.entries(settings.buckets ?? {})) {
    const { transitions = [], expirationDays } = bucket.lifecycle ?? {};
    transitions.forEach((t, i) => {
      const at = `buckets.${name}.lifecycle.transitions.${i}`;
      const min = TRANSITION_MIN_DAYS[t.storageClass];
      if (t.days < min)
        fail(
          `${at}.days`,
          t.days,
          `S3 moves objects to ${t.storageClass} after ${min} days at the earliest`,
        );
      if (expirationDays !== undefined && t.days >= expirationDays)
        fail(`${at}.days`, t.days, `must come before expirationDays (${expirationDays})`);
    });
    const classes = transitions.map((t) => t.storageClass);
    if (new Set(classes).size !== classes.length)
      fail(`buckets.${name}.lifecycle.transitions`, classes, "names a storage class twice");
  }

  const known = (kind: string, names: ReadonlySet<string>) =>
    `no such ${kind}; declared: ${[...names].join(", ") || "(none)"}`;
  /** The buckets `uses` names, each declared and listed once. */
  const checkBucketUses = (at: string, uses: readonly { bucket: string }[] | undefined) => {
    const granted = new Set<string>();
    (uses ?? []).forEach((b, i) => {
      if (!declared.buckets.has(b.bucket))
        fail(`${at}.buckets.${i}.bucket`, b.bucket, known("bucket", declared.buckets));
      else if (granted.has(b.bucket))
        fail(`${at}.buckets.${i}.bucket`, b.bucket, "is listed twice; give it one access level");
      granted.add(b.bucket);
    });
    return granted;
  };
  for (const [name, tier] of Object.entries(settings.appTiers ?? {})) {
    const at = `appTiers.${name}`;
    checkBucketUses(at, tier.buckets);
    (tier.secrets ?? []).forEach((secret, i) => {
      if (!declared.secrets.has(secret))
        fail(`${at}.secrets.${i}`, secret, known("secret", declared.secrets));
    });
  }
  for (const service of settings.services ?? []) {
    const at = `services[${service.name}]`;
    const granted = checkBucketUses(at, service.buckets);
    for (const [variable, ref] of Object.entries(service.secretRefs ?? {})) {
      const secret = typeof ref === "string" ? ref : ref.secret;
      if (!declared.secrets.has(secret))
        fail(`${at}.secretRefs.${variable}`, ref, known("secret", declared.secrets));
    }
    // Variables the wiring sets must not be set by the service as well.
    const wired = new Map<string, string>([
      ...[...granted].map((b) => [bucketVariable(b), `the bucket ${b} grant`] as const),
      ...Object.keys(service.secretRefs ?? {}).map((v) => [v, "secretRefs"] as const),
    ]);
    for (const [field, values] of [
      ["environment", service.environment],
      ["secrets", service.secrets],
    ] as const)
      for (const key of Object.keys(values ?? {}))
        if (wired.has(key))
          fail(`${at}.${field}.${key}`, key, `is set by ${wired.get(key)}; remove it or rename it`);
  }
}
