import { GRID } from "./widgets";

export const DASHBOARD_NOTES = `## Design notes

- **Same inventory as the monitoring module**: an env root builds the \`albs\`, \`ecs_services\`,
  \`apis\`, \`databases\` and \`caches\` maps once and passes them to both, so the dashboard
  shows what is alarmed on. Pass \`values(module.monitoring.alarm_arns)\` as \`alarm_arns\`.
- **Deterministic layout**: the body is built with \`jsonencode\` from \`for\` expressions over
  the inventory maps, which Terraform walks in key order, and the alarm ARNs are sorted; every
  widget gets an explicit position from its row and column. The same inventory always gives
  the same body; adding a service adds its rows and moves the rows below it down.
- **Four dashboards**: \`<name>\` (the application: alarm status and the *Application*
  section; \`aws_cloudwatch_dashboard.this\`, its address from before the split),
  \`<name>-infrastructure\`, \`<name>-security\` and, with \`business_metrics\`,
  \`<name>-business\` (one graph per metric of the application's own namespace, three to a
  row).
- **Security** shows what an on-call reviewer looks for: ALB and API 4xx/5xx; failed
  authorizations per API, counted by a log metric filter on its access log
  (\`aws_cloudwatch_log_metric_filter.failed_authorizations["<api>"]\`, status 401 or 403, as
  the JWT authorizer answers) in the \`<name>/Security\` namespace; WAF blocked and allowed
  requests when \`waf_web_acl\` names a web ACL's metric (CloudFront-scope ACLs report in
  us-east-1); failed console sign-ins from CloudTrail when \`cloudtrail_log_group_name\` is
  given (\`console_sign_in_failures\`, the CIS benchmark's filter). Rows appear only for what
  is given.
- **Layout**: a header with the environment name; alarm status widgets (full width, one per
  ${GRID.alarmsPerWidget} alarms, the widget's limit); an *Application* section (per ALB: requests
  and load-balancer 4xx/5xx; per target group: requests, 4xx/5xx, p95/p99 response time; per
  API: requests, 4xx/5xx, p95/p99 latency and integration p95); on its own dashboard, the *Infrastructure* section
  (per ECS service: CPU and memory, running/desired/pending tasks; per database: CPU,
  connections against \`max_connections\`, free memory and, for instances, free storage; per
  cache: engine CPU, memory and evictions, one line per member node). Each inventory entry
  gets one row of widgets sharing the full width, ${GRID.rowHeight} units high; empty sections
  are left out.
- Widgets use the statistics the alarms use (p95/p99 latency, Maximum CPU for databases), so a
  widget and its alarm agree.

## Caveats

- The dashboard is owned by Terraform: edits made in the console are overwritten by the next
  apply. Add widgets here (or build a separate dashboard) instead.
- CloudWatch allows 500 widgets per dashboard: roughly 100 services with their target groups.
- \`aws_cloudwatch_dashboard\` takes no tags.
`;
