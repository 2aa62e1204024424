import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr } from "../core/expressions";
import { inventoryLocals } from "../core/inventory";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { dashboardSpec } from "./spec";
import {
  ALARM_WIDGETS,
  APPLICATION_WIDGETS,
  BUSINESS_WIDGETS,
  GRID,
  header,
  HEADER_HEIGHT,
  HEADER_WIDGET,
  INFRASTRUCTURE_WIDGETS,
  section,
  SECURITY_NAMESPACE,
  SECURITY_WIDGETS,
} from "./widgets";

/** API Gateway access-log lines of requests refused for want of valid credentials. */
export const FAILED_AUTHORIZATION_PATTERN = '{ ($.status = "401") || ($.status = "403") }';
/** CloudTrail's failed console sign-ins (the CIS benchmark's filter). */
export const CONSOLE_SIGN_IN_FAILURE_PATTERN =
  '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }';

/** Generates `terraform-modules/dashboard`; see `spec.ts` for its interface. */
export class DashboardModuleStack extends ModuleStack<
  typeof dashboardSpec.inputs,
  typeof dashboardSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, dashboardSpec);
    const locals = new TransparentScope(this, "locals");
    const local = (name: string, hcl: string) => new TerraformLocal(locals, name, expr.any(hcl));

    local("target_groups", inventoryLocals.target_groups);
    local("alarm_rows", `chunklist(sort(var.alarm_arns), ${GRID.alarmsPerWidget})`);
    local("application", APPLICATION_WIDGETS);
    local("infrastructure", INFRASTRUCTURE_WIDGETS);
    local("application_top", `${HEADER_HEIGHT} + ${GRID.alarmHeight} * length(local.alarm_rows)`);
    local("security", SECURITY_WIDGETS);
    local("business", BUSINESS_WIDGETS);
    local(
      "widgets",
      `concat([${HEADER_WIDGET}], ${ALARM_WIDGETS}, ${section("application", "## Application", "local.application_top")})`,
    );
    const top = `${HEADER_HEIGHT}`;
    local(
      "infrastructure_widgets",
      `concat([${header("${var.name}: infrastructure", "ECS services, databases and caches.")}], ${section("infrastructure", "## Infrastructure", top)})`,
    );
    local(
      "security_widgets",
      `concat([${header("${var.name}: security", "4xx/5xx where requests arrive, failed authorizations, WAF blocks and failed console sign-ins, as far as they are given.")}], ${section("security", "## Security", top)})`,
    );
    local(
      "business_widgets",
      `concat([${header("${var.name}: business", "metrics the application publishes to its own namespace.")}], ${section("business", "## Business", top)})`,
    );

    const dashboards = this.scopeFor(CloudwatchDashboard);
    const dashboard = new CloudwatchDashboard(dashboards, "this", {
      dashboardName: this.vars.name,
      dashboardBody: expr.string("jsonencode({ widgets = local.widgets })"),
    });
    const infrastructure = new CloudwatchDashboard(dashboards, "infrastructure", {
      dashboardName: "${var.name}-infrastructure",
      dashboardBody: expr.string("jsonencode({ widgets = local.infrastructure_widgets })"),
    });
    const security = new CloudwatchDashboard(dashboards, "security", {
      dashboardName: "${var.name}-security",
      dashboardBody: expr.string("jsonencode({ widgets = local.security_widgets })"),
    });
    const business = new CloudwatchDashboard(dashboards, "business", {
      count: expr.number("var.business_metrics == null ? 0 : 1"),
      dashboardName: "${var.name}-business",
      dashboardBody: expr.string("jsonencode({ widgets = local.business_widgets })"),
    });

    // What the security dashboard draws that AWS does not publish as metrics.
    const filters = this.scopeFor(CloudwatchLogMetricFilter);
    const apiLogs = TerraformIterator.fromMap(this.vars.api_access_log_groups);
    new CloudwatchLogMetricFilter(filters, "failed_authorizations", {
      forEach: apiLogs,
      name: "${var.name}-${each.key}-failed-authorizations",
      logGroupName: apiLogs.value,
      pattern: FAILED_AUTHORIZATION_PATTERN,
      metricTransformation: {
        name: "FailedAuthorizations-${each.key}",
        namespace: SECURITY_NAMESPACE,
        value: "1",
        defaultValue: "0",
      },
    });
    new CloudwatchLogMetricFilter(filters, "console_sign_in_failures", {
      count: expr.number("var.cloudtrail_log_group_name == null ? 0 : 1"),
      name: "${var.name}-console-sign-in-failures",
      logGroupName: expr.string("var.cloudtrail_log_group_name"),
      pattern: CONSOLE_SIGN_IN_FAILURE_PATTERN,
      metricTransformation: {
        name: "ConsoleSignInFailures",
        namespace: SECURITY_NAMESPACE,
        value: "1",
        defaultValue: "0",
      },
    });

    this.exportOutputs({
      dashboard_name: dashboard.dashboardName,
      dashboard_arn: dashboard.dashboardArn,
      dashboard_names: expr.list(
        `concat([${dashboard.fqn}.dashboard_name, ${infrastructure.fqn}.dashboard_name, ${security.fqn}.dashboard_name], ${business.fqn}[*].dashboard_name)`,
      ),
    });
  }
}
