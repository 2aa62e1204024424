import { AlbModuleStack, albSpec } from "../../constructs/alb";
import { ELB_LOG_DELIVERY_ACCOUNTS } from "../../constructs/alb/access-logs";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { ModuleRoot } from "../support/module-root";
import { EXTRA_CERTIFICATE_ARN, scenarioOutputs, scenarioPlan } from "../support/module-scenarios";
import { itRefusesEachCall } from "../support/plan-errors";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([AlbModuleStack]).get("alb")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const resource = tf.resource;
const validationMessages = (variable: string): string[] =>
  tf.variable[variable].validation.map((v: { error_message: string }) => v.error_message);

describe("alb module", () => {
  it("is a standalone module: required_providers range, no provider, no backend", () => {
    expect(tf.terraform).toEqual({
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } },
      required_version: ">= 1.9.0",
    });
    expect(tf.provider).toBeUndefined();
  });

  it("keys every per-service resource by service name through for_each", () => {
    expect(resource.aws_lb_target_group.service.for_each).toBe("${var.services}");
    expect(resource.aws_lb_target_group.service.name).toBe("${var.name}-${each.key}");
    expect(resource.aws_lb_listener_rule.service.for_each).toBe(
      "${{ for k, s in var.services : k => s if !contains(keys(var.blue_green_services), k) }}",
    );
    expect(resource.aws_lb_listener_rule.service.priority).toBe("${each.value.priority}");
    expect(resource.aws_lb_listener_rule.service.action[0]).toEqual({
      type: "forward",
      target_group_arn: "${aws_lb_target_group.service[each.key].arn}",
    });
    expect(resource.aws_vpc_security_group_egress_rule.to_service.for_each).toBe(
      "${var.service_security_group_ids}",
    );
    const names = Object.values(resource as Record<string, object>).flatMap(Object.keys);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("matches paths and host headers with one condition block per kind in use", () => {
    const rule = resource.aws_lb_listener_rule.service;
    expect(rule.condition).toBeUndefined();
    // The third block is the CloudFront origin mode's (alb-cloudfront.test.ts).
    expect(rule.dynamic.condition.slice(0, 2)).toEqual([
      {
        for_each: "${length(each.value.path_patterns) > 0 ? [each.value.path_patterns] : []}",
        content: { path_pattern: { values: "${condition.value}" } },
      },
      {
        for_each: "${length(each.value.host_headers) > 0 ? [each.value.host_headers] : []}",
        content: { host_header: { values: "${condition.value}" } },
      },
    ]);
  });

  it("serves HTTPS with the TLS 1.3/1.2 policy, or HTTP when internal without a certificate", () => {
    const serving = resource.aws_lb_listener.serving;
    expect(serving.protocol).toBe('${local.https ? "HTTPS" : "HTTP"}');
    expect(serving.ssl_policy).toBe("${local.https ? var.ssl_policy : null}");
    expect(tf.variable.ssl_policy.default).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(serving.default_action).toEqual([
      {
        type: "fixed-response",
        fixed_response: {
          content_type: "text/plain",
          message_body: "Not Found",
          status_code: "404",
        },
      },
    ]);
    const redirect = resource.aws_lb_listener.http_redirect;
    expect(redirect.count).toBe("${var.internal ? 0 : 1}");
    expect(redirect.default_action[0].redirect).toEqual({
      protocol: "HTTPS",
      port: "443",
      status_code: "HTTP_301",
    });
  });

  it("sets the load balancer's secure defaults and logs to the bucket once its policy exists", () => {
    const lb = resource.aws_lb.this;
    expect(lb).toMatchObject({
      drop_invalid_header_fields: true,
      enable_http2: true,
      desync_mitigation_mode: "${var.desync_mitigation_mode}",
      enable_deletion_protection: "${var.enable_deletion_protection}",
      access_logs: { bucket: "${aws_s3_bucket.access_logs.bucket}", enabled: true },
    });
    expect(lb.depends_on).toContain("aws_s3_bucket_policy.access_logs");
    expect(tf.variable.enable_deletion_protection.default).toBe(true);
    expect(tf.variable.desync_mitigation_mode.default).toBe("defensive");
  });

  it("creates a private, SSE-S3, versioned, expiring, TLS-only access-log bucket", () => {
    expect(resource.aws_s3_bucket.access_logs.bucket).toBe(
      "${var.name}-alb-logs-${var.account_id}",
    );
    expect(resource.aws_s3_bucket_public_access_block.access_logs).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource.aws_s3_bucket_ownership_controls.access_logs.rule.object_ownership).toBe(
      "BucketOwnerEnforced",
    );
    expect(
      resource.aws_s3_bucket_server_side_encryption_configuration.access_logs.rule[0]
        .apply_server_side_encryption_by_default.sse_algorithm,
    ).toBe("AES256");
    expect(resource.aws_s3_bucket_lifecycle_configuration.access_logs.dynamic.rule.for_each).toBe(
      "${local.access_logs_lifecycle_rules}",
    );
    expect(tf.locals.access_logs_lifecycle_rules).toEqual([
      {
        id: "expire-access-logs",
        expiration_days: "${var.access_logs_retention_days}",
        noncurrent_expiration_days: 30,
        abort_incomplete_multipart_days: 7,
      },
    ]);
    const policy: string = resource.aws_s3_bucket_policy.access_logs.policy;
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain("logdelivery.elasticloadbalancing.amazonaws.com");
    expect(policy).toContain("/AWSLogs/${var.account_id}/*");
    expect(tf.locals.elb_log_delivery_accounts).toEqual(ELB_LOG_DELIVERY_ACCOUNTS);
    for (const region of [
      "eu-north-1",
      "eu-west-1",
      "eu-central-1",
      "us-east-1",
      "us-east-2",
      "us-west-2",
      "ap-southeast-1",
    ]) {
      expect(ELB_LOG_DELIVERY_ACCOUNTS[region]).toMatch(/^[0-9]{12}$/);
    }
  });

  it("opens the security group only to declared sources and only to the services", () => {
    expect(resource.aws_security_group.this.ingress).toBeUndefined();
    expect(resource.aws_security_group.this.egress).toBeUndefined();
    const ingress = resource.aws_vpc_security_group_ingress_rule;
    const egress = resource.aws_vpc_security_group_egress_rule;
    for (const rule of [...Object.values(ingress), ...Object.values(egress)] as any[]) {
      expect(rule.description).toBeTruthy();
    }
    expect(ingress.from_security_group.referenced_security_group_id).toBe(
      "${var.ingress_security_group_ids[each.value.source]}",
    );
    expect(ingress.from_cidr.cidr_ipv4).toBe("${each.value.cidr}");
    expect(egress.to_service.referenced_security_group_id).toBe("${each.value}");
    expect(egress.to_service.from_port).toBe("${var.services[each.key].port}");
    expect(JSON.stringify(resource)).not.toContain("0.0.0.0/0");
    expect(tf.variable.ingress_cidr_blocks.default).toEqual([]);
  });

  it("types and validates its variables", () => {
    expect(tf.variable.services.type).toBe(
      "map(object({ port = number, priority = number, path_patterns = optional(list(string), []), " +
        "host_headers = optional(list(string), []), health_check = optional(object({ " +
        'path = optional(string, "/health"), matcher = optional(string, "200-299"), ' +
        "healthy_threshold = optional(number, 3), unhealthy_threshold = optional(number, 3), " +
        "interval = optional(number, 15), timeout = optional(number, 5) }), {}), " +
        "deregistration_delay = optional(number, 30), slow_start = optional(number, 0), " +
        'target_type = optional(string, "ip") }))',
    );
    expect(validationMessages("services")).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must be at most 32 characters"),
        expect.stringContaining("priorities must be unique"),
        expect.stringContaining("at least one path pattern or host header"),
      ]),
    );
    expect(validationMessages("certificate_arns")).toContainEqual(
      expect.stringContaining("when internal = false"),
    );
    expect(validationMessages("ingress_cidr_blocks")).toContainEqual(
      expect.stringContaining("0.0.0.0/0 only when internal = false"),
    );
    expect(validationMessages("service_security_group_ids")).toContain(
      "service_security_group_ids keys must be keys of services.",
    );
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.listener_arn.value).toBe("${aws_lb_listener.serving.arn}");
  });

  it("keeps the example's target group names within 32 characters", () => {
    for (const service of Object.keys(albSpec.example.services)) {
      expect(`${albSpec.example.name}-${service}`.length).toBeLessThanOrEqual(32);
    }
  });
});

describeTerraform("alb module, planned offline with real Terraform", () => {
  const listeners = (p: any) =>
    Object.fromEntries(changes(p, "aws_lb_listener").map((c) => [c.address, after(c)]));

  it("internal without a certificate: one plain-HTTP listener on http_port, open to the VPC link", () => {
    const p = scenarioPlan("alb_internal_http");
    expect(listeners(p)).toEqual({
      "module.alb_internal_http.aws_lb_listener.serving": expect.objectContaining({
        protocol: "HTTP",
        port: 80,
      }),
    });
    expect(addresses(p, "aws_vpc_security_group_ingress_rule")).toEqual([
      'module.alb_internal_http.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:80"]',
    ]);
    expect(scenarioOutputs("alb_internal_http")).toEqual({
      listener_port: 80,
      https_listener_arn: null,
    });
  });

  it("internal with a certificate: HTTPS on 443 with the TLS policy, no redirect listener", () => {
    const p = scenarioPlan("alb");
    expect(listeners(p)).toEqual({
      "module.alb.aws_lb_listener.serving": expect.objectContaining({
        protocol: "HTTPS",
        port: 443,
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn: albSpec.example.certificate_arns![0],
      }),
    });
    expect(addresses(p, "aws_vpc_security_group_ingress_rule")).toEqual([
      'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:443"]',
    ]);
    expect(addresses(p, "aws_lb_listener_rule")).toEqual(
      ["doctor", "eshop", "pharmacy"].map((s) => `module.alb.aws_lb_listener_rule.service["${s}"]`),
    );
    expect(scenarioOutputs("alb").listener_port).toBe(443);
  });

  it("access-log bucket: versioned, SSE-S3, expiring after access_logs_retention_days", () => {
    const p = scenarioPlan("alb");
    const only = (type: string) => {
      const [change, ...rest] = changes(p, type);
      expect(rest).toEqual([]);
      return after(change!);
    };
    expect(only("aws_s3_bucket_versioning").versioning_configuration).toEqual([
      expect.objectContaining({ status: "Enabled" }),
    ]);
    expect(
      only("aws_s3_bucket_server_side_encryption_configuration").rule[0]
        .apply_server_side_encryption_by_default[0].sse_algorithm,
    ).toBe("AES256");
    expect(addresses(p, "aws_s3_bucket_lifecycle_configuration")).toEqual([
      "module.alb.aws_s3_bucket_lifecycle_configuration.access_logs[0]",
    ]);
    expect(only("aws_s3_bucket_lifecycle_configuration").rule).toEqual([
      expect.objectContaining({
        id: "expire-access-logs",
        status: "Enabled",
        expiration: [expect.objectContaining({ days: albSpec.example.access_logs_retention_days })],
        noncurrent_version_expiration: [expect.objectContaining({ noncurrent_days: 30 })],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        transition: [],
      }),
    ]);
  });

  it("internet-facing: HTTP only redirects (301), extra certificates keyed by ARN, 80/443 from the caller's CIDRs", () => {
    const p = scenarioPlan("alb_public");
    const redirect = listeners(p)["module.alb_public.aws_lb_listener.http_redirect[0]"];
    expect(redirect).toMatchObject({ protocol: "HTTP", port: 80 });
    expect(redirect.default_action[0].redirect[0]).toMatchObject({
      protocol: "HTTPS",
      port: "443",
      status_code: "HTTP_301",
    });
    expect(addresses(p, "aws_lb_listener_certificate")).toEqual([
      `module.alb_public.aws_lb_listener_certificate.extra["${EXTRA_CERTIFICATE_ARN}"]`,
    ]);
    expect(addresses(p, "aws_vpc_security_group_ingress_rule")).toEqual([
      'module.alb_public.aws_vpc_security_group_ingress_rule.from_cidr["0.0.0.0/0:443"]',
      'module.alb_public.aws_vpc_security_group_ingress_rule.from_cidr["0.0.0.0/0:80"]',
    ]);
  });
});

/** Bad calls, each refused with its message; all planned in one root, against the variables alone. */
const BAD_CALLS: [label: string, inputs: Record<string, unknown>, message: string][] = [
  [
    "a public ALB without certificate",
    { internal: false, certificate_arns: [] },
    "when internal = false",
  ],
  ["0.0.0.0/0 on an internal ALB", { ingress_cidr_blocks: ["0.0.0.0/0"] }, "0.0.0.0/0 only when"],
  [
    "a target group name over 32 characters",
    {
      services: { "a-very-long-service-name-x": { port: 80, priority: 1, path_patterns: ["/"] } },
      service_security_group_ids: {},
    },
    "at most 32",
  ],
  [
    "duplicate priorities",
    {
      services: {
        a: { port: 80, priority: 1, path_patterns: ["/a"] },
        b: { port: 80, priority: 1, path_patterns: ["/b"] },
      },
      service_security_group_ids: {},
    },
    "priorities must be unique",
  ],
  [
    "a service with no path or host",
    { services: { a: { port: 80, priority: 1 } }, service_security_group_ids: {} },
    "at least one path pattern",
  ],
  [
    "an unknown service security group key",
    { service_security_group_ids: { nope: "sg-0a1b2c3d4e5f60711" } },
    "keys of services",
  ],
];

describeTerraform("alb module, refusing bad calls with real Terraform", () => {
  itRefusesEachCall(
    () => new ModuleRoot("alb", files).keepOnlyVariables(),
    BAD_CALLS.map(([label, inputs, message], i) => ({
      name: `bad_${i}`,
      module: "alb",
      inputs: { ...albSpec.example, ...inputs },
      message,
      label,
    })),
  );
});
