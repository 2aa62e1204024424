import { appSecretsSpec } from "../../constructs/app-secrets";
import { budgetSpec } from "../../constructs/budget";
import { dashboardSpec } from "../../constructs/dashboard";
import { monitoringSpec } from "../../constructs/monitoring";
import { s3BucketSpec } from "../../constructs/s3-bucket";
import { ModuleRoot } from "../support/module-root";
import { BadCall, itRefusesEachCall } from "../support/plan-errors";
import { describeTerraform } from "../support/terraform-suite";

const monitoring = monitoringSpec.example;
const budget = budgetSpec.example;
const dashboard = dashboardSpec.example;
const secrets = appSecretsSpec.example;
const bucket = s3BucketSpec.example;

/** Bad values beyond each rule's own (module-validations tries those), by call name. */
const CALLS: Record<string, Omit<BadCall, "name">> = {
  monitoring_protocol: {
    module: "monitoring",
    inputs: {
      ...monitoring,
      critical_endpoints: { pager: { protocol: "email", endpoint: "a@b.c" } },
    },
    message: "critical_endpoints protocol must be one of: https, sms.",
  },
  monitoring_phone: {
    module: "monitoring",
    inputs: {
      ...monitoring,
      critical_endpoints: { phone: { protocol: "sms", endpoint: "0701234567" } },
    },
    message: "E.164 phone number",
  },
  monitoring_override: {
    module: "monitoring",
    inputs: { ...monitoring, service_thresholds: { eshop: { db_cpu_warning_percent: 50 } } },
    message: "service_thresholds may override only:",
  },
  monitoring_slo: {
    module: "monitoring",
    inputs: { ...monitoring, slo: { availability_percent: 80 } },
    message: "slo.availability_percent must be at least 90",
  },
  monitoring_period: {
    module: "monitoring",
    inputs: { ...monitoring, thresholds: { period_seconds: 90 } },
    message: "thresholds.period_seconds must be a multiple of 60",
  },
  budget_daily: {
    module: "budget",
    inputs: { ...budget, daily_limit_usd: -1 },
    message: "daily_limit_usd must be greater than 0.",
  },
  budget_order: {
    module: "budget",
    inputs: { ...budget, daily_thresholds_percent: [100, 80] },
    message:
      "daily_thresholds_percent must be between 1 and 1000 (%), in strictly ascending order.",
  },
  budget_anomaly: {
    module: "budget",
    inputs: { ...budget, anomaly_threshold_usd: 0 },
    message: "anomaly_threshold_usd must be greater than 0.",
  },
  dashboard_waf: {
    module: "dashboard",
    inputs: { ...dashboard, waf_web_acl: { metric_name: "edge", scope: "GLOBAL" } },
    message: "waf_web_acl.scope must be REGIONAL or CLOUDFRONT.",
  },
  dashboard_business: {
    module: "dashboard",
    inputs: {
      ...dashboard,
      business_metrics: { namespace: "AWS/Business", metrics: [{ name: "x", label: "x" }] },
    },
    message: "business_metrics needs at least one metric and a namespace of its own",
  },
  secrets_key: {
    module: "app-secrets",
    inputs: { ...secrets, secrets: { API_KEYS: { description: "x" } }, readers: {} },
    message: "secrets keys must be 1–32 characters of a-z, 0-9 and -",
  },
  secrets_reader: {
    module: "app-secrets",
    inputs: { ...secrets, readers: { "api-keys": ["arn:aws:iam::123456789012:user/alice"] } },
    message: "readers must list IAM role ARNs",
  },
  secrets_window: {
    module: "app-secrets",
    inputs: { ...secrets, recovery_window_days: 3 },
    message: "recovery_window_days must be between 7 and 30.",
  },
  bucket_transition: {
    module: "s3-bucket",
    inputs: {
      ...bucket,
      lifecycle_rules: [{ id: "r", transitions: [{ days: 10, storage_class: "STANDARD_IA" }] }],
    },
    message: "lifecycle rule transitions must name a storage class",
  },
  monitoring_twin: {
    module: "monitoring",
    inputs: { ...monitoring, service_thresholds: { eshop: { latency_warning_ms: 2500 } } },
    message: "a *_warning_* override must be below the service's *_critical_* value.",
  },
  secrets_unknown: {
    module: "app-secrets",
    inputs: { ...secrets, readers: { other: [] } },
    message: "readers keys must be keys of secrets.",
  },
  bucket_both: {
    module: "s3-bucket",
    inputs: { ...bucket, create_kms_key: true, account_id: "123456789012" },
    message: "create_kms_key and kms_key_arn are exclusive",
  },
};

describeTerraform("the operations and storage inputs reject bad values with real Terraform", () => {
  const calls = Object.entries(CALLS).map(([name, call]) => ({ name, ...call }));
  itRefusesEachCall(
    // The rules live in the variable blocks: the modules' resources would only slow each walk.
    () => new ModuleRoot([...new Set(calls.map((c) => c.module))]).keepOnlyVariables(),
    calls,
  );
});
