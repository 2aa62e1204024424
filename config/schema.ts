import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../constructs/core/validations";
import { NAT_MODES } from "../constructs/vpc/spec";

const retentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")}`,
  });

const subnetLayout = z.strictObject({
  public: z.string(),
  private: z.string(),
  database: z.string(),
  intra: z.string().optional(),
});

export const vpcSchema = z.strictObject({
  /** IPv4 CIDR of the VPC, /16 to /24 (/16 to /20 when subnets are laid out automatically). Required. */
  cidr: z.string(),
  /** Number of Availability Zones (the region's `a`, `b`, `c`). Default: 2 in dev, 3 in staging and prod. */
  azCount: z.number().int().min(2).max(3),
  /** Explicit AZ names, instead of `azCount`. Default: the first `azCount` AZs of the region. */
  azs: z.array(z.string()).min(2).max(3).optional(),
  /** `none`, `single` or `one-per-az`. Default: single in dev and staging, one-per-az in prod. */
  natMode: z.enum(NAT_MODES),
  /** Flow log retention in days. Default: 7 in dev, 30 in staging, 365 in prod. */
  flowLogRetentionDays: retentionDays,
  /** Add an intra (no egress) subnet per AZ. Default: false. */
  intraSubnets: z.boolean().optional(),
  /**
   * Explicit subnet CIDRs per AZ. Default: derived from `cidr` by AZ letter (private /+4 from
   * the start, public, database and intra /+8 above them), so adding an AZ never moves another.
   */
  subnets: z.record(z.string(), subnetLayout).optional(),
});

export const environmentSchema = z.strictObject({
  /** Which profile supplies the defaults. Default: the environment's name when it is dev, staging or prod. */
  profile: z.enum(["dev", "staging", "prod"]),
  /** AWS region. Default: the platform's `defaults.region`. Required. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: "must be an AWS region such as eu-north-1" }),
  vpc: vpcSchema,
  /** Retention of application and access log groups, in days. Default: 7 / 30 / 90. */
  logRetentionDays: retentionDays,
});

export type EnvironmentSettings = z.infer<typeof environmentSchema>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a platform config says about one environment; the profile and `defaults` fill the rest. */
export type EnvironmentInput = DeepPartial<EnvironmentSettings>;

export const platformSchema = z.strictObject({
  /** Short project name: prefixes resource names and the `Project` tag. Required. */
  project: z.string().regex(/^[a-z][a-z0-9-]{1,11}$/, {
    message: "must be 2–12 characters of a-z, 0-9 and -, starting with a letter",
  }),
  /** Extra tags on every resource (e.g. Owner, CostCenter). Default: none. */
  tags: z.record(z.string(), z.string()).optional(),
  /** Remote state: one S3 bucket, one key per environment, native S3 locking. Required. */
  state: z.strictObject({
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "must be a valid S3 bucket name" }),
    /** Default: the environment's region. */
    region: z.string().optional(),
    /** Key prefix; the key is `<prefix>/<env>/terraform.tfstate`. Default: the project name. */
    keyPrefix: z.string().optional(),
  }),
  /** Settings shared by every environment; an environment's own block wins. Default: none. */
  defaults: z.record(z.string(), z.unknown()).optional(),
  /** The environments, by name (lower case, up to 10 characters). Required. */
  environments: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export interface PlatformConfig {
  readonly project: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly state: {
    readonly bucket: string;
    readonly region?: string;
    readonly keyPrefix?: string;
  };
  readonly defaults?: EnvironmentInput;
  readonly environments: Readonly<Record<string, EnvironmentInput>>;
}
