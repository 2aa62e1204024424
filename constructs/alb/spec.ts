import { defineModule, optional, output, required } from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { BLUE_GREEN_NOTES, blueGreenInputs } from "./blue-green";
import { cloudFrontOriginInputs } from "./cloudfront-origin";
import { forwardTargetInputs } from "./forward-targets";
import { dnsRecordInputs } from "./dns-records";
import { EXAMPLE_SERVICES, eshopWith } from "./example-services";

export const DESYNC_MITIGATION_MODES = ["defensive", "strictest"] as const;
export type DesyncMitigationMode = (typeof DESYNC_MITIGATION_MODES)[number];
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** AWS limits: load balancer and target group names. */
export const MAX_TARGET_GROUP_NAME = 32;
/** A listener rule accepts at most five condition values in total. */
export const MAX_RULE_CONDITION_VALUES = 5;

const healthCheck = tf.object({
  path: tf.optional(tf.string, "/health"),
  matcher: tf.optional(tf.string, "200-299"),
  healthy_threshold: tf.optional(tf.number, 3),
  unhealthy_threshold: tf.optional(tf.number, 3),
  interval: tf.optional(tf.number, 15),
  timeout: tf.optional(tf.number, 5),
});

const service = tf.object({
  port: tf.number,
  priority: tf.number,
  path_patterns: tf.optional(tf.list(tf.string), []),
  host_headers: tf.optional(tf.list(tf.string), []),
  health_check: tf.optional(healthCheck, {}),
  deregistration_delay: tf.optional(tf.number, 30),
  slow_start: tf.optional(tf.number, 0),
  target_type: tf.optional(tf.string, "ip"),
});

const EXAMPLE_CERTIFICATE =
  "arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

/** `alltrue` over every service: `cond` is an HCL expression over `s` (the service object). */
const everyService = (cond: string) => `alltrue([for s in values(var.services) : ${cond}])`;

export const albSpec = defineModule({
  name: "alb",
  description:
    "An Application Load Balancer, internal (behind an API Gateway VPC link) or internet-facing: " +
    "an HTTPS listener with ACM certificates and a TLS 1.3/1.2 policy (or, internal only and " +
    "without a certificate, plain HTTP), an HTTP→HTTPS redirect when public, a fixed 404 default " +
    "action, one `ip` target group and listener rule per service keyed by service name, a " +
    "security group admitting only declared sources and reaching only the service security " +
    "groups, and access logs to an SSE-S3 bucket the module creates.",
  inputs: {
    name: required(
      tf.string,
      "Name of the load balancer and prefix of every other name (security group, target groups " +
        "`<name>-<service>`, log bucket `<name>-alb-logs-<account_id>`).",
      // At most 24 characters: the log bucket name then has at most 46 of S3's 63.
      { validation: [nameValidation()] },
    ),
    account_id: required(
      tf.string,
      "AWS account ID the ALB lives in: names the access-log bucket (globally unique) and scopes " +
        "log delivery to `AWSLogs/<account_id>/`.",
      {
        validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")],
      },
    ),
    vpc_id: vpcIdInput("VPC of the load balancer, security group and target groups."),
    subnet_ids: required(
      tf.list(tf.string),
      "Subnets of the load balancer, in at least two Availability Zones: private subnets for an " +
        "internal ALB, public subnets for an internet-facing one.",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) >= 2 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage:
              "subnet_ids must list at least two subnet IDs (subnet-…) in different AZs.",
            rejects: { value: ["subnet-0a1b2c3d4e5f60718"] },
          },
        ],
      },
    ),
    internal: optional(
      tf.bool,
      true,
      "Default true: an internal ALB reachable only from inside the VPC (the API Gateway VPC " +
        "link case). false makes it internet-facing, which requires `certificate_arns`.",
    ),
    certificate_arns: optional(
      tf.list(tf.string),
      [],
      "ACM certificate ARNs for the HTTPS listener on 443: the first is the default, the others " +
        "are added for SNI. Default []: allowed only for an internal ALB, which then serves plain " +
        "HTTP on `http_port` (see the design notes). Required when `internal = false`.",
      {
        validation: [
          {
            condition:
              'alltrue([for a in var.certificate_arns : can(regex("^arn:aws[a-z-]*:(acm|iam):", a))])',
            errorMessage: "certificate_arns must be ACM (or IAM server) certificate ARNs.",
            // The private CA that issued the certificate, not the certificate.
            rejects: {
              value: [
                "arn:aws:acm-pca:eu-north-1:123456789012:certificate-authority/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
              ],
            },
          },
          {
            condition: "length(distinct(var.certificate_arns)) == length(var.certificate_arns)",
            errorMessage: "certificate_arns must not repeat a certificate.",
            rejects: { value: [EXAMPLE_CERTIFICATE, EXAMPLE_CERTIFICATE] },
          },
          {
            condition:
              "var.internal || length(var.certificate_arns) + length(var.named_certificate_arns) > 0",
            errorMessage:
              "certificate_arns or named_certificate_arns must hold at least one certificate when internal = false: an internet-facing ALB serves HTTPS only.",
            rejects: { value: [], alongside: { internal: false } },
          },
        ],
      },
    ),
    named_certificate_arns: optional(
      tf.map(tf.string),
      {},
      "Further certificates keyed by a stable name, for ARNs known only after apply (a " +
        "certificate module in the same root: `certificate_arns` keys listener certificates by " +
        'ARN, which must be known at plan). Served for SNI (`aws_lb_listener_certificate.named["<name>"]`); ' +
        "without `certificate_arns`, the first by name is the listener's default. Default {}.",
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.named_certificate_arns) : can(regex("^[a-z][a-z0-9_-]*$", k))])',
            errorMessage:
              "named_certificate_arns keys must be lower-case names (a-z, 0-9, _ and -).",
            rejects: { value: { Shop: EXAMPLE_CERTIFICATE } },
          },
        ],
      },
    ),
    ssl_policy: optional(
      tf.string,
      DEFAULT_SSL_POLICY,
      `TLS policy of the HTTPS listener. Default \`${DEFAULT_SSL_POLICY}\`: TLS 1.3, and TLS 1.2 ` +
        "with forward-secret ciphers for older clients. Only policies without TLS 1.0/1.1 are accepted.",
      {
        validation: [
          validate.pattern(
            "ssl_policy",
            "^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)",
            "an ELBSecurityPolicy that allows TLS 1.2 or newer only (TLS13-1-2-…, TLS13-1-3-…, TLS-1-2-…, FS-1-2-…)",
            "ELBSecurityPolicy-2016-08", // allows TLS 1.0
          ),
        ],
      },
    ),
    http_port: optional(
      tf.number,
      80,
      "Port of the plain-HTTP listener of an internal ALB without certificates. Default 80. " +
        "Unused when there is a certificate (HTTPS is on 443; a public ALB redirects 80 to it).",
      { validation: [validate.range("http_port", 1, 65535)] },
    ),
    services: required(
      tf.map(service),
      "Target group and listener rule per service, keyed by service name (stable: the key is " +
        "in every address and in the target group name `<name>-<service>`). `priority` is " +
        "required and explicit so that adding a service never renumbers another; rules match " +
        "`path_patterns` and/or `host_headers` (at least one, at most 5 values). Defaults: " +
        "health check `/health` answering 200-299, 3 healthy/3 unhealthy checks every 15 s with " +
        "a 5 s timeout; deregistration delay 30 s (Fargate tasks drain fast); slow start 0 (off); " +
        "`target_type` `ip` (ECS tasks in awsvpc mode, default) or `instance` (an EC2 host that " +
        "registers itself, such as the ec2-host module's Auto Scaling group).",
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.services) : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", k))])',
            errorMessage:
              "services keys must be a-z, 0-9 and -, not starting or ending with - (they name target groups).",
            rejects: {
              value: {
                ...EXAMPLE_SERVICES,
                eshop_v2: { port: 8080, priority: 110, path_patterns: ["/v2/eshop/*"] },
              },
            },
          },
          {
            condition: `alltrue([for k in keys(var.services) : length("\${var.name}-\${k}") <= ${MAX_TARGET_GROUP_NAME}])`,
            errorMessage: `every target group name "<name>-<service>" must be at most ${MAX_TARGET_GROUP_NAME} characters: shorten name or the service key.`,
            // "shop-prod-prescription-renewals-api": 35 characters.
            rejects: {
              value: {
                ...EXAMPLE_SERVICES,
                "prescription-renewals-api": {
                  port: 8080,
                  priority: 400,
                  path_patterns: ["/rx/*"],
                },
              },
            },
          },
          {
            condition: everyService(
              "s.priority >= 1 && s.priority <= 50000 && floor(s.priority) == s.priority",
            ),
            errorMessage: "every service priority must be a whole number between 1 and 50000.",
            rejects: { value: eshopWith({ priority: 0 }) },
          },
          {
            condition:
              "length(distinct([for s in values(var.services) : s.priority])) == length(var.services)",
            errorMessage:
              "service priorities must be unique: each is the priority of that service's listener rule.",
            rejects: { value: eshopWith({ priority: EXAMPLE_SERVICES.pharmacy.priority }) },
          },
          {
            condition: everyService(
              `length(s.path_patterns) + length(s.host_headers) >= 1 && length(s.path_patterns) + length(s.host_headers) <= ${MAX_RULE_CONDITION_VALUES}`,
            ),
            errorMessage: `every service needs at least one path pattern or host header, and at most ${MAX_RULE_CONDITION_VALUES} in total (an ALB rule limit).`,
            rejects: { value: eshopWith({ path_patterns: [] }) },
          },
          {
            condition: everyService("s.port >= 1 && s.port <= 65535"),
            errorMessage: "every service port must be between 1 and 65535.",
            rejects: { value: eshopWith({ port: 0 }) },
          },
          {
            condition: everyService(
              "s.health_check.healthy_threshold >= 2 && s.health_check.healthy_threshold <= 10 && s.health_check.unhealthy_threshold >= 2 && s.health_check.unhealthy_threshold <= 10",
            ),
            errorMessage:
              "health_check healthy_threshold and unhealthy_threshold must be between 2 and 10.",
            rejects: { value: eshopWith({ health_check: { healthy_threshold: 1 } }) },
          },
          {
            condition: everyService(
              "s.health_check.interval >= 5 && s.health_check.interval <= 300 && s.health_check.timeout >= 2 && s.health_check.timeout <= 120 && s.health_check.timeout < s.health_check.interval",
            ),
            errorMessage:
              "health_check interval must be 5–300 s and timeout 2–120 s, shorter than the interval.",
            // Longer than the default interval (15 s).
            rejects: { value: eshopWith({ health_check: { timeout: 20 } }) },
          },
          {
            condition: everyService('contains(["ip", "instance"], s.target_type)'),
            errorMessage: "every service target_type must be ip or instance.",
            rejects: { value: eshopWith({ target_type: "lambda" }) },
          },
          {
            condition: everyService('startswith(s.health_check.path, "/")'),
            errorMessage: "health_check path must start with /.",
            rejects: { value: eshopWith({ health_check: { path: "health" } }) },
          },
          {
            condition: everyService(
              "s.deregistration_delay >= 0 && s.deregistration_delay <= 3600 && (s.slow_start == 0 || (s.slow_start >= 30 && s.slow_start <= 900))",
            ),
            errorMessage: "deregistration_delay must be 0–3600 s; slow_start 0 (off) or 30–900 s.",
            rejects: { value: eshopWith({ slow_start: 10 }) },
          },
        ],
      },
    ),
    service_security_group_ids: optional(
      tf.map(tf.string),
      {},
      "Security group of each service's tasks, keyed by service name (a subset of `services`): " +
        "the ALB may send traffic only to these, on that service's port. Default {}: no egress " +
        "at all, so targets are unreachable until their groups are listed.",
      {
        validation: [
          {
            condition:
              "alltrue([for k in keys(var.service_security_group_ids) : contains(keys(var.services), k)])",
            errorMessage: "service_security_group_ids keys must be keys of services.",
            rejects: { value: { eshop: "sg-0a1b2c3d4e5f60711", orders: "sg-0a1b2c3d4e5f60714" } },
          },
          {
            condition:
              'alltrue([for id in values(var.service_security_group_ids) : can(regex("^sg-[0-9a-f]{8,17}$", id))])',
            errorMessage: "service_security_group_ids values must be security group IDs (sg-…).",
            // The group's name instead of its ID.
            rejects: { value: { eshop: "shop-prod-eshop" } },
          },
        ],
      },
    ),
    ingress_security_group_ids: optional(
      tf.map(tf.string),
      {},
      "Security groups allowed to reach the serving listener, keyed by a stable name (e.g. " +
        '`{ vpc_link = "sg-…" }` for the API Gateway VPC link). Default {}.',
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.ingress_security_group_ids) : can(regex("^[a-z][a-z0-9_-]*$", k))])',
            errorMessage:
              "ingress_security_group_ids keys must be lower-case names (a-z, 0-9, _ and -).",
            rejects: { value: { VpcLink: "sg-0a1b2c3d4e5f60710" } },
          },
          {
            condition:
              'alltrue([for id in values(var.ingress_security_group_ids) : can(regex("^sg-[0-9a-f]{8,17}$", id))])',
            errorMessage: "ingress_security_group_ids values must be security group IDs (sg-…).",
            rejects: { value: { vpc_link: "shop-prod-vpc-link" } },
          },
        ],
      },
    ),
    ingress_cidr_blocks: optional(
      tf.list(tf.string),
      [],
      "CIDR blocks allowed to reach the listeners. Default []: prefer `ingress_security_group_ids`. " +
        'An internet-facing ALB sets `["0.0.0.0/0"]` here (ports 80 and 443); an internal ' +
        "ALB may not.",
      {
        validation: [
          {
            condition: "alltrue([for c in var.ingress_cidr_blocks : can(cidrnetmask(c))])",
            errorMessage: "ingress_cidr_blocks must be IPv4 CIDR blocks such as 10.0.0.0/16.",
            rejects: { value: ["10.0.0.0"] },
          },
          {
            condition: '!var.internal || !contains(var.ingress_cidr_blocks, "0.0.0.0/0")',
            errorMessage: "ingress_cidr_blocks may contain 0.0.0.0/0 only when internal = false.",
            rejects: { value: ["0.0.0.0/0"], alongside: { internal: true } },
          },
        ],
      },
    ),
    enable_deletion_protection: optional(
      tf.bool,
      true,
      "Default true, so a plan cannot delete the ALB by accident; env roots set false for " +
        "short-lived environments from their profile.",
    ),
    desync_mitigation_mode: optional(
      tf.string,
      "defensive",
      "HTTP desync protection: `defensive` (default; blocks requests known to be dangerous) or " +
        "`strictest` (also blocks merely non-compliant requests).",
      { validation: [validate.oneOf("desync_mitigation_mode", DESYNC_MITIGATION_MODES)] },
    ),
    idle_timeout: optional(
      tf.number,
      60,
      "Seconds a connection may stay idle. Default 60, AWS's default; raise for long polling.",
      { validation: [validate.range("idle_timeout", 1, 4000)] },
    ),
    access_logs_retention_days: optional(
      tf.number,
      90,
      "Days access logs are kept before expiry. Default 90: enough to investigate an incident.",
      { validation: [validate.range("access_logs_retention_days", 1, 3650)] },
    ),
    force_destroy: optional(
      tf.bool,
      false,
      "Lets Terraform delete the access-log bucket with logs in it. Default false, so logs " +
        "outlive an accidental destroy; set true only for throw-away environments.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
    ...blueGreenInputs(MAX_TARGET_GROUP_NAME),
    ...cloudFrontOriginInputs,
    ...forwardTargetInputs,
    ...dnsRecordInputs,
  },
  outputs: {
    alb_arn: output(tf.string, "ARN of the load balancer."),
    arn_suffix: output(
      tf.string,
      "ARN suffix of the load balancer (`app/<name>/<id>`), the `LoadBalancer` dimension of CloudWatch metrics.",
    ),
    dns_name: output(tf.string, "DNS name of the load balancer."),
    zone_id: output(tf.string, "Route 53 hosted zone ID of the load balancer, for alias records."),
    security_group_id: output(
      tf.string,
      "Security group of the load balancer: the source services admit on their port.",
    ),
    listener_arn: output(
      tf.string,
      "The listener carrying the service rules (HTTPS, or HTTP for an internal ALB without " +
        "certificates): what an API Gateway VPC-link integration targets.",
    ),
    https_listener_arn: output(tf.string, "The HTTPS listener, or null when there is none."),
    http_listener_arn: output(
      tf.string,
      "The HTTP listener (the redirect of a public ALB, or the serving listener of a plaintext " +
        "internal one), or null when there is none.",
    ),
    listener_port: output(tf.number, "Port of the serving listener (443, or `http_port`)."),
    target_group_arns: output(tf.map(tf.string), "Target group ARN per service."),
    target_group_arn_suffixes: output(
      tf.map(tf.string),
      "Target group ARN suffix per service, the `TargetGroup` dimension of CloudWatch metrics.",
    ),
    target_group_names: output(tf.map(tf.string), "Target group name per service."),
    access_logs_bucket: output(tf.string, "Name of the S3 bucket receiving the access logs."),
    green_target_group_arns: output(
      tf.map(tf.string),
      "Green target group ARN per blue/green service.",
    ),
    green_target_group_names: output(
      tf.map(tf.string),
      "Green target group name per blue/green service (the codedeploy module's `green_target_group_name`).",
    ),
    test_listener_arns: output(
      tf.map(tf.string),
      "Test listener ARN per blue/green service (the codedeploy module's `test_listener_arn`).",
    ),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: [
      "subnet-0a1b2c3d4e5f60718",
      "subnet-0a1b2c3d4e5f60719",
      "subnet-0a1b2c3d4e5f6071a",
    ],
    internal: true,
    certificate_arns: [EXAMPLE_CERTIFICATE],
    services: EXAMPLE_SERVICES,
    service_security_group_ids: {
      eshop: "sg-0a1b2c3d4e5f60711",
      pharmacy: "sg-0a1b2c3d4e5f60712",
      doctor: "sg-0a1b2c3d4e5f60713",
    },
    ingress_security_group_ids: { vpc_link: "sg-0a1b2c3d4e5f60710" },
    enable_deletion_protection: true,
    access_logs_retention_days: 365,
  },
  notes: `## Design notes

- **One serving listener, \`aws_lb_listener.serving\`**: HTTPS on 443 when \`certificate_arns\` (or
  \`named_certificate_arns\`) is set, otherwise plain HTTP on \`http_port\`. Protocol, port and certificate are updated in place,
  so adding a certificate later keeps the listener, its ARN and every rule. A public ALB adds
  \`aws_lb_listener.http_redirect\` on 80, which only answers 301 to HTTPS on 443. An internal
  ALB with a certificate gets no redirect listener: its clients (the VPC link) call 443 directly.
- **Plaintext internal mode** (internal, no certificate): the API Gateway VPC link's ENIs reach the
  ALB over HTTP. That traffic stays inside the VPC and the security group admits only declared
  sources, but it is **unencrypted**: anyone able to capture VPC traffic (traffic mirroring) can
  read it. To encrypt it, issue a certificate from AWS Private CA (or any ACM certificate) and
  pass it in \`certificate_arns\`; the VPC link integration then uses HTTPS with
  \`tls_config.server_name_to_verify\`. An internet-facing ALB can never be plaintext.
- **Addresses are keyed by service name**: \`aws_lb_target_group.service["eshop"]\`,
  \`aws_lb_listener_rule.service["eshop"]\`, \`aws_vpc_security_group_egress_rule.to_service["eshop"]\`.
  Priorities are explicit inputs, so adding or removing a service never touches another's rule.
  Ingress rules are keyed \`"<source>:<port>"\` (\`from_security_group["vpc_link:443"]\`,
  \`from_cidr["0.0.0.0/0:443"]\`); extra certificates by their ARN.
- **Security group**: no inline rules; one \`aws_vpc_security_group_*_rule\` per source, port or
  service, each with a description. Ingress only from \`ingress_security_group_ids\` and
  \`ingress_cidr_blocks\` on the listener port(s); egress only to each service's security group
  on that service's port (health checks use the traffic port). The only 0.0.0.0/0 ingress
  possible is the caller's, on an internet-facing ALB (validated), on 80 (redirect only) and 443.
- **Access logs**: bucket \`<name>-alb-logs-<account_id>\` with SSE-S3 (ALB log delivery cannot
  write to SSE-KMS), all four public-access blocks, \`BucketOwnerEnforced\`, versioning, a policy
  denying non-TLS requests, expiry after \`access_logs_retention_days\` (noncurrent versions 30
  days later). Log delivery is allowed for the \`logdelivery.elasticloadbalancing.amazonaws.com\`
  service principal (what AWS documents for Regions opened from August 2022) **and**, in the
  Regions opened before that, the Region's Elastic Load Balancing account, from a lookup map in
  the module (the older Regions still document the account-based policy). Both are limited to
  \`AWSLogs/<account_id>/*\`. The ALB is created after the bucket policy, because AWS tests
  write access when logging is enabled. The bucket's resources come from the platform's shared
  hardened-bucket helper (\`constructs/core/secure-bucket.ts\`, as in the \`s3-bucket\` module);
  with it the lifecycle configuration is \`aws_s3_bucket_lifecycle_configuration.access_logs[0]\`
  (formerly without \`[0]\`; Terraform moves an existing one there by itself, nothing is replaced).
- **ALB settings**: \`drop_invalid_header_fields = true\`, desync mitigation \`defensive\` or
  \`strictest\`, HTTP/2 on, deletion protection on unless the caller turns it off. Default action
  of the serving listener: a fixed 404, so unmatched paths never reach a service.
- **Caveats**: changing a service's \`port\` replaces its target group, which fails while its
  listener rule still points at it under the same name; move a service to a new port by adding
  it under a new key and removing the old one. The bucket name is global: two environments with
  the same \`name\` in one account but in different Regions collide.
- **Instance targets**: a service with \`target_type = "instance"\` gets an instance target group
  (an EC2 host's Auto Scaling group registers into it); \`forward_targets\` forwards to target
  groups owned elsewhere (an Auto Scaling tier's, with its own stickiness and health check), as
  \`aws_lb_listener_rule.forward["<name>"]\` and
  \`aws_vpc_security_group_egress_rule.to_forward_target["<name>"]\`.
- **Not included**: weighted forwarding, stickiness on the module's own target groups,
  authentication actions, WAF association,
  Route 53 records.
- **Alias records**: \`dns_names\` get an alias A record each in \`dns_zone_id\`
  (\`aws_route53_record.alias["<name>"]\`), e.g. the origin name CloudFront connects to.
- **Not included**: weighted forwarding, stickiness, authentication actions, WAF association
  (the waf module associates REGIONAL web ACLs itself).

${BLUE_GREEN_NOTES}`,
});
