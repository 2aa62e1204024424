import { appSecretsSpec } from "../../constructs/app-secrets";
import { budgetSpec } from "../../constructs/budget";
import { dashboardSpec } from "../../constructs/dashboard";
import { monitoringSpec } from "../../constructs/monitoring";
import { s3BucketSpec } from "../../constructs/s3-bucket";
import { ModuleRoot } from "../support/module-root";
import { describeTerraform } from "../support/terraform-suite";

/** Plans a root with one call per bad value; Terraform must reject each with its message. */
function rejects(module: string, calls: Record<string, Record<string, unknown>>): string {
  const { ws } = new ModuleRoot(module).write(calls);
  ws.init();
  const result = ws.run(["plan", "-input=false", "-no-color", "-lock=false"], { okCodes: [1] });
  // Terraform wraps long messages; compare with single spaces.
  return result.stderr.replace(/\s+/g, " ");
}

describeTerraform("the new inputs reject bad values with real Terraform", () => {
  it("monitoring: critical endpoints, per-service thresholds, SLO", () => {
    const base = monitoringSpec.example;
    const out = rejects("monitoring", {
      protocol: {
        ...base,
        critical_endpoints: { pager: { protocol: "email", endpoint: "a@b.c" } },
      },
      phone: {
        ...base,
        critical_endpoints: { phone: { protocol: "sms", endpoint: "0701234567" } },
      },
      override: { ...base, service_thresholds: { eshop: { db_cpu_warning_percent: 50 } } },
      slo: { ...base, slo: { availability_percent: 80 } },
      period: { ...base, thresholds: { period_seconds: 90 } },
    });
    for (const message of [
      "critical_endpoints protocol must be one of: https, sms.",
      "E.164 phone number",
      "service_thresholds may override only:",
      "slo.availability_percent must be at least 90",
      "thresholds.period_seconds must be a multiple of 60",
    ])
      expect(out).toContain(message);
    // Rules across variables are checked once every single-variable rule passed.
    const twin = rejects("monitoring", {
      twin: { ...base, service_thresholds: { eshop: { latency_warning_ms: 2500 } } },
    });
    expect(twin).toContain(
      "a *_warning_* override must be below the service's *_critical_* value.",
    );
  });

  it("budget: daily limit, daily thresholds, anomaly threshold", () => {
    const base = budgetSpec.example;
    const out = rejects("budget", {
      daily: { ...base, daily_limit_usd: -1 },
      order: { ...base, daily_thresholds_percent: [100, 80] },
      anomaly: { ...base, anomaly_threshold_usd: 0 },
    });
    expect(out).toContain("daily_limit_usd must be greater than 0.");
    expect(out).toContain(
      "daily_thresholds_percent must be between 1 and 1000 (%), in strictly ascending order.",
    );
    expect(out).toContain("anomaly_threshold_usd must be greater than 0.");
  });

  it("dashboard: WAF scope and business namespace", () => {
    const base = dashboardSpec.example;
    const out = rejects("dashboard", {
      waf: { ...base, waf_web_acl: { metric_name: "edge", scope: "GLOBAL" } },
      business: {
        ...base,
        business_metrics: { namespace: "AWS/Business", metrics: [{ name: "x", label: "x" }] },
      },
    });
    expect(out).toContain("waf_web_acl.scope must be REGIONAL or CLOUDFRONT.");
    expect(out).toContain("business_metrics needs at least one metric and a namespace of its own");
  });

  it("app-secrets: keys, readers, recovery window", () => {
    const base = appSecretsSpec.example;
    const out = rejects("app-secrets", {
      key: { ...base, secrets: { API_KEYS: { description: "x" } }, readers: {} },
      reader: { ...base, readers: { "api-keys": ["arn:aws:iam::123456789012:user/alice"] } },
      window: { ...base, recovery_window_days: 3 },
    });
    expect(out).toContain("secrets keys must be 1–32 characters of a-z, 0-9 and -");
    expect(out).toContain("readers must list IAM role ARNs");
    expect(out).toContain("recovery_window_days must be between 7 and 30.");
    const unknown = rejects("app-secrets", { unknown: { ...base, readers: { other: [] } } });
    expect(unknown).toContain("readers keys must be keys of secrets.");
  });

  it("s3-bucket: transitions and the bucket's own key", () => {
    const base = s3BucketSpec.example;
    const out = rejects("s3-bucket", {
      transition: {
        ...base,
        lifecycle_rules: [{ id: "r", transitions: [{ days: 10, storage_class: "STANDARD_IA" }] }],
      },
    });
    expect(out).toContain("lifecycle rule transitions must name a storage class");
    const key = rejects("s3-bucket", {
      key: { ...base, kms_key_arn: null, create_kms_key: true },
      both: { ...base, create_kms_key: true, account_id: "123456789012" },
    });
    expect(key).toContain(
      "account_id must be a 12-digit AWS account ID, and is required with create_kms_key.",
    );
    expect(key).toContain("create_kms_key and kms_key_arn are exclusive");
  });
});
