import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { errorsOf, expectError } from "../support/config-errors";
import { EnvironmentInput, PlatformConfig } from "../../config/schema";

function prodWith(prod: EnvironmentInput): PlatformConfig {
  return {
    ...defaultPlatform,
    environments: { prod: { ...defaultPlatform.environments.prod, ...prod } },
  };
}

const backup = {
  enabled: true,
  dailyRetentionDays: 7,
  weeklyRetentionWeeks: 4,
  monthlyRetentionMonths: 12,
};

describe("observability, audit and cost validation", () => {
  it("resolves the profiles: prod audited, backed up and budgeted; dev notifies nobody", () => {
    const envs = Object.fromEntries(
      resolvePlatform(defaultPlatform).map((e) => [e.name, e.settings]),
    );
    expect(envs.prod).toMatchObject({
      audit: { enabled: true },
      backup: { enabled: true },
      budget: { monthlyLimitUsd: 6000 },
    });
    expect(envs.dev).toMatchObject({
      audit: { enabled: false },
      monitoring: { notificationsEnabled: false, alarmEmails: ["dev-alerts@healthcare.example"] },
    });
  });

  it("rejects an invalid email", () => {
    expectError(
      errorsOf(prodWith({ monitoring: { alarmEmails: ["oncall-at-example"] } })),
      "prod",
      "monitoring.alarmEmails.0",
      "oncall-at-example",
      /email address/,
    );
  });

  it("rejects thresholds out of range and unknown thresholds", () => {
    const errors = errorsOf(
      prodWith({
        monitoring: {
          thresholds: { ecs_cpu_warning_percent: 140, latency_warning_ms: 0, cpu_percent: 50 },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "monitoring.thresholds.ecs_cpu_warning_percent",
      140,
      /percentage: must be between 0 and 100/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.thresholds.latency_warning_ms",
      0,
      /must be a positive number \(milliseconds/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.thresholds.cpu_percent",
      50,
      /unknown threshold; known: period_seconds/,
    );
  });

  it("rejects a zero or negative budget", () => {
    expectError(
      errorsOf(prodWith({ budget: { monthlyLimitUsd: 0 } })),
      "prod",
      "budget.monthlyLimitUsd",
      0,
      /positive amount/,
    );
    expectError(
      errorsOf(prodWith({ budget: { monthlyLimitUsd: -5 } })),
      "prod",
      "budget.monthlyLimitUsd",
      -5,
      /positive amount/,
    );
  });

  it("rejects backup retention rules out of order or outside AWS limits", () => {
    expectError(
      errorsOf(
        prodWith({ backup: { ...backup, dailyRetentionDays: 35, weeklyRetentionWeeks: 2 } }),
      ),
      "prod",
      "backup.weeklyRetentionWeeks",
      2,
      /shorter than the daily ones \(35 days\)/,
    );
    expectError(
      errorsOf(prodWith({ backup: { ...backup, monthlyRetentionMonths: 0 } })),
      "prod",
      "backup.monthlyRetentionMonths",
      0,
      /between 1 day and 36500 days/,
    );
    expectError(
      errorsOf(
        prodWith({ backup: { ...backup, weeklyRetentionWeeks: 60, monthlyRetentionMonths: 12 } }),
      ),
      "prod",
      "backup.monthlyRetentionMonths",
      12,
      /shorter than the weekly ones/,
    );
  });

  it("rejects a DR vault in the primary region", () => {
    const drVaultArn = "arn:aws:backup:eu-north-1:333333333333:backup-vault:dr";
    expectError(
      errorsOf(prodWith({ backup: { ...backup, drVaultArn } })),
      "prod",
      "backup.drVaultArn",
      drVaultArn,
      /another region/,
    );
    expect(() =>
      resolvePlatform(
        prodWith({
          backup: { ...backup, drVaultArn: drVaultArn.replace("eu-north-1", "eu-west-1") },
        }),
      ),
    ).not.toThrow();
  });
  it("checks thresholds by the module's rules: periods, twins, datapoints", () => {
    const errors = errorsOf(
      prodWith({
        monitoring: {
          thresholds: {
            period_seconds: 90,
            ecs_cpu_critical_percent: 60,
            datapoints_to_alarm: 7,
            db_free_storage_gb: 0,
          },
        },
      }),
    );
    expectError(errors, "prod", "monitoring.thresholds.period_seconds", 90, /multiple of 60/);
    // The default warning (70) is not below the critical value the config set.
    expectError(
      errors,
      "prod",
      "monitoring.thresholds.ecs_cpu_critical_percent",
      60,
      /must be below ecs_cpu_critical_percent \(60\)/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.thresholds.datapoints_to_alarm",
      7,
      /must not exceed evaluation_periods \(5\)/,
    );
    expectError(errors, "prod", "monitoring.thresholds.db_free_storage_gb", 0, /positive/);
  });

  it("checks per-service thresholds: a declared service, a per-service name, a valid value", () => {
    const errors = errorsOf(
      prodWith({
        monitoring: {
          serviceThresholds: {
            eshop: { db_cpu_warning_percent: 50, latency_warning_ms: 2500 },
            billing: { ecs_cpu_warning_percent: 60 },
          },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "monitoring.serviceThresholds.eshop.db_cpu_warning_percent",
      50,
      /not a per-service threshold; allowed: ecs_cpu_warning_percent/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.serviceThresholds.eshop.latency_warning_ms",
      2500,
      /must be below latency_critical_ms \(2000\)/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.serviceThresholds.billing",
      { ecs_cpu_warning_percent: 60 },
      /names no service; declared: eshop, pharmacy, doctor/,
    );
  });

  it("checks critical endpoints and the SLO", () => {
    const errors = errorsOf(
      prodWith({
        monitoring: {
          criticalEndpoints: {
            pager: { protocol: "https", endpoint: "http://pager.example" },
            phone: { protocol: "sms", endpoint: "0701234567" },
          },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "monitoring.criticalEndpoints.pager.endpoint",
      "http://pager.example",
      /https:\/\/ URL/,
    );
    expectError(
      errors,
      "prod",
      "monitoring.criticalEndpoints.phone.endpoint",
      "0701234567",
      /E\.164/,
    );
    expectError(
      errorsOf(prodWith({ monitoring: { slo: { availabilityPercent: 100 } } })),
      "prod",
      "monitoring.slo.availabilityPercent",
      100,
      /less than 100/,
    );
  });

  it("wants a positive daily budget and anomaly threshold, beside a monthly budget", () => {
    const errors = errorsOf(
      prodWith({
        budget: { dailyLimitUsd: -1, anomalyThresholdUsd: 50, monthlyLimitUsd: undefined },
      }),
    );
    expectError(errors, "prod", "budget.dailyLimitUsd", -1, /positive amount of USD/);
    expectError(errors, "prod", "budget.anomalyThresholdUsd", 50, /needs budget.monthlyLimitUsd/);
  });

  it("resolves the built-in platform's SLO and cost alerts", () => {
    const prod = resolvePlatform(defaultPlatform).find((e) => e.name === "prod")!.settings;
    expect(prod.monitoring.slo).toEqual({ availabilityPercent: 99.9, latencyP95Ms: 500 });
    expect(prod.budget).toMatchObject({ dailyLimitUsd: 300, anomalyThresholdUsd: 100 });
  });
});
