import { optional, required } from "./module-spec";
import { tf } from "./tf-types";
import { validate } from "./validations";

const SG_ID = "^sg-[0-9a-f]{8,17}$";

/** Inputs of instances serving an ALB: the port, the ALB's group, and egress to named groups. */
export const appTierInputs = {
  app_port: required(tf.number, "Port the application listens on; the ALB forwards to it.", {
    validation: [validate.range("app_port", 1, 65535)],
  }),
  alb_security_group_id: required(
    tf.string,
    "Security group of the ALB: the only source allowed in, on `app_port` only (never 22).",
    {
      validation: [validate.pattern("alb_security_group_id", SG_ID, "a security group ID (sg-…)")],
    },
  ),
  target_group_arn: optional(
    tf.string,
    null,
    'Instance target group the Auto Scaling group registers its instances in (`target_group_arns`); its health check then decides when an instance is replaced (`health_check_type = "ELB"`). Default null: no load balancer, EC2 status checks only.',
    { validation: [validate.optionalArn("target_group_arn", "elasticloadbalancing")] },
  ),
  egress_security_group_rules: optional(
    tf.map(tf.object({ security_group_id: tf.string, port: tf.number, description: tf.string })),
    {},
    "Egress to other security groups (database, cache) keyed by a stable name: `security_group_id`, TCP `port`, `description`. Default: none; the instances reach only HTTPS.",
    {
      validation: [
        {
          condition: `alltrue([for k, r in var.egress_security_group_rules : can(regex("^[a-z][a-z0-9_-]*$", k)) && can(regex("${SG_ID}", r.security_group_id)) && r.port >= 1 && r.port <= 65535 && length(r.description) > 0 && length(r.description) <= 255])`,
          errorMessage:
            "egress_security_group_rules: keys must be lower-case names, security_group_id an sg-… ID, port 1–65535, description 1–255 characters.",
          rejects: {
            value: {
              db: { security_group_id: "sg-0123456789abcdef0", port: 0, description: "db" },
            },
          },
        },
      ],
    },
  ),
};
