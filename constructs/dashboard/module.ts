import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr } from "../core/expressions";
import { inventoryLocals } from "../core/inventory";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { dashboardSpec } from "./spec";
import {
  ALARM_WIDGETS,
  APPLICATION_WIDGETS,
  GRID,
  HEADER_HEIGHT,
  HEADER_WIDGET,
  INFRASTRUCTURE_WIDGETS,
  section,
  sectionHeight,
} from "./widgets";

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
    local("infrastructure_top", `local.application_top + ${sectionHeight("application")}`);
    local(
      "widgets",
      `concat([${HEADER_WIDGET}], ${ALARM_WIDGETS}, ${section("application", "## Application", "local.application_top")}, ${section("infrastructure", "## Infrastructure", "local.infrastructure_top")})`,
    );

    const dashboard = new CloudwatchDashboard(this.scopeFor(CloudwatchDashboard), "this", {
      dashboardName: this.vars.name,
      dashboardBody: expr.string("jsonencode({ widgets = local.widgets })"),
    });

    this.exportOutputs({
      dashboard_name: dashboard.dashboardName,
      dashboard_arn: dashboard.dashboardArn,
    });
  }
}
