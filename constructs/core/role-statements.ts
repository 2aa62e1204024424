import { optional } from "./module-spec";
import { tf } from "./tf-types";

/**
 * Caller-supplied Allow statements for a role (an ECS task role, an instance role): the input
 * with its checks, and the policy document that renders it. Shared so every module that lets
 * its caller grant a role something accepts and refuses the same statements.
 */

const iamCondition = tf.object({
  test: tf.string,
  variable: tf.string,
  values: tf.list(tf.string),
});

const roleStatement = tf.object({
  sid: tf.string,
  actions: tf.list(tf.string),
  resources: tf.list(tf.string),
  conditions: tf.optional(tf.list(iamCondition), []),
});

/** A valid statement, which the rules' bad values vary. */
const STATEMENT = { sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop/*"] };

/**
 * The `<variable>` input: a list of `{ sid, actions, resources, conditions? }`, sids unique and
 * alphanumeric, no `*` or whole-service actions, at least one resource each.
 */
export function roleStatementsInput(variable: string, role: string, purpose: string) {
  return optional(
    tf.list(roleStatement),
    [],
    `Allow statements for the ${role} (${purpose}): \`sid\` (alphanumeric, unique), \`actions\`, \`resources\`, optional \`conditions\` (\`{ test, variable, values }\`, like aws_iam_policy_document). \`*\` and whole-service wildcards (\`s3:*\`) are rejected. Default: none, the ${role} grants nothing.`,
    {
      validation: [
        {
          condition: `alltrue([for s in var.${variable} : can(regex("^[A-Za-z0-9]+$", s.sid))]) && length(distinct([for s in var.${variable} : s.sid])) == length(var.${variable})`,
          errorMessage: `${variable} sid values must be unique and alphanumeric.`,
          rejects: { value: [STATEMENT, STATEMENT] },
        },
        {
          condition: `alltrue([for s in var.${variable} : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9*]+$", a)) && !endswith(a, ":*")])])`,
          errorMessage: `${variable} actions must be service:Action names; "*" and whole-service wildcards such as "s3:*" are rejected: list the actions the application calls.`,
          rejects: { value: [{ ...STATEMENT, actions: ["s3:*"] }] },
        },
        {
          condition: `alltrue([for s in var.${variable} : length(s.resources) > 0])`,
          errorMessage: `every ${variable} entry needs at least one resource.`,
          rejects: { value: [{ ...STATEMENT, resources: [] }] },
        },
      ],
    },
  );
}

/** The policy document of `var.<variable>`; conditions grouped by operator as IAM expects. */
export const roleStatementsPolicy = (variable: string) => `jsonencode({
  Version = "2012-10-17"
  Statement = [for s in var.${variable} : { for k, v in {
    Sid      = s.sid
    Effect   = "Allow"
    Action   = s.actions
    Resource = s.resources
    Condition = length(s.conditions) == 0 ? null : {
      for test in distinct([for c in s.conditions : c.test]) :
      test => { for c in s.conditions : c.variable => c.values if c.test == test }
    }
  } : k => v if v != null }]
})`;
