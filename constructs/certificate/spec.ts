import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { validate } from "../core/validations";

/** Key algorithms ACM issues that CloudFront also accepts for viewer certificates. */
export const CERTIFICATE_KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1"] as const;
/** ACM's hard limit of names per certificate (the default quota is 10). */
export const MAX_CERTIFICATE_NAMES = 100;

/** A DNS name ACM can issue for: labels of a-z, 0-9 and -, optionally a leading `*.`. */
const DOMAIN_PATTERN = "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

export const certificateSpec = defineModule({
  name: "certificate",
  description:
    "A public ACM certificate validated by DNS in a Route 53 hosted zone: the certificate, one " +
    "validation record per domain name (keyed by the name, never by position), and the " +
    "validation that waits until ACM has issued it. The module uses only the provider " +
    "configuration it is given, so the caller picks its Region: pass `aws.us_east_1` as its " +
    "default `aws` configuration for a CloudFront certificate.",
  exampleDefaultProviderAlias: "us_east_1",
  inputs: {
    domain_name: required(
      tf.string,
      "Main name of the certificate, e.g. `shop.example.com` or `*.shop.example.com` (lower case).",
      { validation: [validate.pattern("domain_name", DOMAIN_PATTERN, "a lower-case DNS name")] },
    ),
    subject_alternative_names: optional(
      tf.list(tf.string),
      [],
      "Further names on the certificate (e.g. `*.shop.example.com` next to the apex). Default " +
        "[]. Every name must be in the hosted zone `zone_id`. ACM's default quota is 10 names.",
      {
        validation: [
          {
            condition: `alltrue([for n in var.subject_alternative_names : can(regex(${JSON.stringify(DOMAIN_PATTERN)}, n))])`,
            errorMessage: "subject_alternative_names must be lower-case DNS names.",
            rejects: { value: ["*.shop.example.com", "WWW.shop.example.com"] },
          },
          {
            condition:
              "length(distinct(concat([var.domain_name], var.subject_alternative_names))) == length(var.subject_alternative_names) + 1",
            errorMessage:
              "subject_alternative_names must not repeat a name or domain_name (each name is a validation record key).",
            rejects: {
              value: ["shop.example.com", "*.shop.example.com"],
              alongside: { domain_name: "shop.example.com" },
            },
          },
          {
            condition: `length(var.subject_alternative_names) < ${MAX_CERTIFICATE_NAMES}`,
            errorMessage: `a certificate holds at most ${MAX_CERTIFICATE_NAMES} names including domain_name.`,
            // With domain_name, one name more than ACM allows.
            rejects: {
              value: Array.from(
                { length: MAX_CERTIFICATE_NAMES },
                (_, i) => `app${i}.shop.example.com`,
              ),
            },
          },
        ],
      },
    ),
    zone_id: required(
      tf.string,
      "Route 53 public hosted zone that holds every name of the certificate: the validation " +
        "records are written there.",
      {
        validation: [
          validate.pattern("zone_id", "^Z[0-9A-Z]{1,31}$", "a Route 53 hosted zone ID (Z…)"),
        ],
      },
    ),
    key_algorithm: optional(
      tf.string,
      "RSA_2048",
      "Key algorithm: `RSA_2048` (default; every client) or `EC_prime256v1` (smaller, faster " +
        "handshakes). Both are accepted by CloudFront and ALB. Changing it replaces the certificate.",
      { validation: [validate.oneOf("key_algorithm", CERTIFICATE_KEY_ALGORITHMS)] },
    ),
    validation_record_ttl: optional(
      tf.number,
      60,
      "TTL in seconds of the validation CNAME records. Default 60.",
      { validation: [validate.range("validation_record_ttl", 1, 86400)] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for the certificate (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    certificate_arn: output(
      tf.string,
      "ARN of the certificate, known only once ACM has issued it: listeners and distributions " +
        "that use it wait for the validation.",
    ),
    domain_name: output(tf.string, "Main name of the certificate."),
    validation_record_fqdns: output(
      tf.map(tf.string),
      "Validation record FQDN per certificate name (the apex and its wildcard share one).",
    ),
  },
  example: {
    domain_name: "shop.example.com",
    subject_alternative_names: ["*.shop.example.com"],
    zone_id: "Z0123456789ABCDEFGHIJ",
    tags: { Component: "edge" },
  },
  notes: `## Design notes

- **Region is the caller's choice, by provider**: the module creates everything through the
  default \`aws\` configuration it is given. CloudFront accepts only certificates from
  us-east-1, so a CloudFront certificate is a call with \`providers = { aws = aws.us_east_1 }\`
  (from TypeScript: \`defaultProviderAlias: "us_east_1"\` on the typed call); an ALB or API
  Gateway certificate is a call without \`providers\`, in the environment's Region. A
  boolean input cannot do this: Terraform cannot switch a resource's provider by a variable.
- **Validation records keyed by domain name**: \`aws_route53_record.validation["shop.example.com"]\`.
  \`domain_validation_options\` is a set, so indexing it would move records when a name is added.
  An apex and its wildcard (\`shop.example.com\`, \`*.shop.example.com\`) get the same CNAME from
  ACM: both keys write it, with \`allow_overwrite = true\`, so the second does not fail and
  either can be removed later without losing the other's validation.
- **\`certificate_arn\` comes from \`aws_acm_certificate_validation\`**, so whatever uses it waits
  until the certificate is issued (a listener or distribution rejects a pending certificate).
  The certificate is \`create_before_destroy\`: adding a name replaces it, and the old one stays
  attached until its users have moved to the new ARN.
- **An existing certificate**: when the certificate already exists (issued elsewhere, imported,
  or from AWS Private CA), do not call this module; pass its ARN to the consumer directly (the
  \`cdn\` module's \`certificate_arn\`, the \`alb\` module's \`certificate_arns\`).
- **Caveats**: every name must be in \`zone_id\` (one hosted zone per certificate); the zone must
  be public and delegated, or validation waits until its timeout (75 minutes).`,
});
