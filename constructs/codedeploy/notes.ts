/** The README's design notes for `codedeploy`. */
export const CODEDEPLOY_NOTES = `## Design notes

### How the pieces fit
One call per blue/green service, after the alb and ecs-service calls of that service:

| Input | From |
| --- | --- |
| \`service_name\` | ecs-service \`service_name\` (called with \`deployment_controller = "CODE_DEPLOY"\`) |
| \`blue_target_group_name\` | alb \`target_group_names["<service>"]\` |
| \`green_target_group_name\` | alb \`green_target_group_names["<service>"]\` (the service listed in \`blue_green_services\`) |
| \`prod_listener_arn\` | alb \`listener_arn\` |
| \`test_listener_arn\` | alb \`test_listener_arns["<service>"]\` |
| \`alarm_names\` | the service's critical alarms (monitoring) |

A deployment is started by the application's pipeline (the pipeline module's
\`CodeDeployToECS\` action, or the reusable GitHub workflow \`.github/workflows/deploy-ecs.yml\`)
with an appspec naming the new task definition revision, the container and its port. CodeDeploy
then starts the replacement task set in the other target group, routes the test listener to it,
shifts production traffic by the deployment configuration, and stops the original tasks
\`termination_wait_minutes\` later.

### The drift CodeDeploy causes, and why the next apply does not undo it
CodeDeploy changes three things Terraform also manages:
1. the service's **task definition** and **load balancer** (the target group it serves from
   alternates between blue and green), and the task count of its task sets;
2. the **action of the production listener rule** that forwards to the service (it forwards to
   whichever group serves, and during a canary to both, weighted);
3. the **default action of the test listener**.

Without precautions every later \`terraform apply\` would "fix" these back: point the service at
the old revision, forward production traffic to the group whose tasks were just stopped — an
outage — and undo the test route. So each of those resources ignores exactly what CodeDeploy
owns: the ecs-service module's \`aws_ecs_service.code_deploy[0]\` ignores \`task_definition\`,
\`load_balancer\` and \`desired_count\`; the alb module's \`aws_lb_listener_rule.blue_green["<service>"]\`
ignores \`action\` and \`aws_lb_listener.test["<service>"]\` ignores \`default_action\`. Because
\`lifecycle.ignore_changes\` cannot depend on a variable, those are separate resources selected
by \`count\` / \`for_each\`, so services deployed by ECS keep their addresses and keep Terraform's
full control. A plan after a deployment therefore shows no change to these resources; what
Terraform still changes (health checks, conditions, priorities, tags) it changes in place.

### Deployment configuration
\`deployment_config_name\` takes one of CodeDeploy's predefined ECS configurations (default
\`CodeDeployDefault.ECSCanary10Percent5Minutes\`); \`custom_deployment_config\` creates one of its
own (\`aws_codedeploy_deployment_config.this[0]\`, named after its settings, e.g.
\`<name>-linear-25pct-2min\`, and created before the old one is deleted, since a configuration in
use cannot be deleted). Setting both is rejected.

### Rollback
\`auto_rollback_configuration\` is always on: on \`DEPLOYMENT_FAILURE\` (replacement tasks fail to
become healthy, a hook fails, the ready wait times out), on \`DEPLOYMENT_STOP_ON_REQUEST\` (someone
stops it) and, with \`alarm_names\`, on \`DEPLOYMENT_STOP_ON_ALARM\`. Until the original tasks
are terminated (\`termination_wait_minutes\`), rolling back only moves traffic back.

### Service role: the AWS-managed policy, on purpose
\`aws_iam_role.this\` (\`<name>-codedeploy\`, trusted by \`codedeploy.amazonaws.com\` only) has
exactly one policy, the managed \`AWSCodeDeployRoleForECS\`, and nothing inline. It grants the ECS
task-set calls, the ELB listener and rule reads and modifications, \`cloudwatch:DescribeAlarms\`,
invoking only Lambda hooks named \`CodeDeployHook_*\`, publishing only to SNS topics named
\`CodeDeployTopic_*\`, reading only S3 objects tagged \`UseWithCodeDeploy\`, and \`iam:PassRole\`
only to \`ecs-tasks.amazonaws.com\`. A narrower inline policy was considered and rejected: the ELB
permissions would have to name the listener rules, whose ARNs the alb module creates and
CodeDeploy discovers at deployment time, and the ECS task-set actions are the service's own;
what would be left to narrow is the resource \`*\` on those calls, at the price of a
self-maintained list that breaks deployments (mid-shift, triggering a rollback) whenever
CodeDeploy needs an action it did not need before. The platform's apply role may attach this
one AWS policy for the same reason.

### Provider versions and ECS's own blue/green
- **Switching a live service between the controllers replaces it** on provider 5.x:
  \`deployment_controller\` forces a new service there (the plan's replace reason says an argument
  that forces replacement changed). See the ecs-service README for the switch procedure.
- **ECS native blue/green** (2025: \`deployment_configuration { strategy = "BLUE_GREEN" }\`,
  linear and canary, lifecycle hooks, without CodeDeploy) needs AWS provider 6.4+ (blue/green)
  and 6.21+ (linear, canary). It cannot be used while the platform supports provider 5.100; the
  CodeDeploy controller works on both majors. Moving to it later is a change of the ECS
  controller's settings, and this module is then removed.

## Not included
Lifecycle hooks (\`BeforeInstall\` … \`AfterAllowTraffic\` Lambda functions, named
\`CodeDeployHook_*\` so the managed policy can invoke them: reference them in the appspec),
deployment notifications (\`trigger_configuration\`), and Network Load Balancer target groups.`;
