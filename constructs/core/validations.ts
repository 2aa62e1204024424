import { VariableValidation } from "./module-spec";

/** Retention periods CloudWatch Logs accepts (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** A string that no pattern of ours accepts: upper case, a space and punctuation. */
const NOT_A_MATCH = "Not valid!";

/**
 * Reusable Terraform `validation` blocks; each names the variable, the rule and what is allowed,
 * and brings a value it refuses.
 */
export const validate = {
  oneOf: (variable: string, allowed: readonly (string | number)[]): VariableValidation => ({
    condition: `contains(${JSON.stringify(allowed)}, var.${variable})`,
    errorMessage: `${variable} must be one of: ${allowed.join(", ")}.`,
    rejects: {
      value: typeof allowed[0] === "number" ? Math.max(...(allowed as number[])) + 1 : NOT_A_MATCH,
    },
  }),
  logRetention: (variable: string): VariableValidation => ({
    condition: `contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.${variable})`,
    errorMessage: `${variable} must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")} days.`,
    rejects: { value: 2 },
  }),
  ipv4Cidr: (variable: string): VariableValidation => ({
    condition: `can(cidrnetmask(var.${variable}))`,
    errorMessage: `${variable} must be an IPv4 CIDR block such as 10.0.0.0/16.`,
    rejects: { value: "10.0.0.0" },
  }),
  /** `bad`: a value the pattern refuses; default a string with upper case, a space and "!". */
  pattern: (
    variable: string,
    regex: string,
    what: string,
    bad = NOT_A_MATCH,
  ): VariableValidation => ({
    condition: `can(regex(${JSON.stringify(regex)}, var.${variable}))`,
    errorMessage: `${variable} must be ${what}.`,
    rejects: { value: bad },
  }),
  range: (variable: string, min: number, max: number): VariableValidation => ({
    condition: `var.${variable} >= ${min} && var.${variable} <= ${max}`,
    errorMessage: `${variable} must be between ${min} and ${max}.`,
    rejects: { value: max + 1 },
  }),
  /** A nullable ARN input: null, or an ARN of the given service. */
  optionalArn: (variable: string, service: string): VariableValidation => ({
    condition: `var.${variable} == null || can(regex("^arn:aws[a-z-]*:${service}:", var.${variable}))`,
    errorMessage: `${variable} must be null or an ARN of ${service} (arn:aws:${service}:…).`,
    rejects: { value: `arn:aws:not-${service}:eu-north-1:123456789012:x` },
  }),
};

/**
 * The `name` input every module takes: it prefixes resource names, so it is short and
 * DNS-safe. 24 characters by default; modules whose derived names have room (data stores
 * named `<project>-<env>-<store>`) allow more.
 */
export const nameValidation = (variable = "name", maxLength = 24) =>
  validate.pattern(
    variable,
    `^[a-z][a-z0-9-]{0,${maxLength - 1}}$`,
    `1–${maxLength} characters of a-z, 0-9 and -, starting with a letter`,
  );

/** Longest `name` of the database, cache and efs modules (an ElastiCache group ID allows 40). */
export const DATA_STORE_NAME_LENGTH = 32;
