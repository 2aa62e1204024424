import { vpcIdInput } from "../core/common-inputs";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";

const service = tf.object({
  ttl: tf.optional(tf.number, 10),
  description: tf.optional(tf.string),
});

export const serviceDiscoverySpec = defineModule({
  name: "service-discovery",
  description:
    "A Cloud Map private DNS namespace in one VPC (`<name>` such as `ai-prod.local`) and a " +
    "discovery service per name with A records (`redis.ai-prod.local`), whose instances ECS " +
    "registers and whose health comes from ECS (custom health checks): pass a service's ARN " +
    "to the ecs-service module's `service_discovery_arn`.",
  inputs: {
    name: required(
      tf.string,
      "DNS name of the namespace, e.g. `<env>.local` (`ai-prod.local`); Route 53 creates a private hosted zone of that name in the VPC. Use a name you do not resolve publicly.",
      {
        validation: [
          {
            condition:
              'length(var.name) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.name))',
            errorMessage:
              "name must be a lower-case DNS name of at least two labels, such as ai-prod.local.",
            rejects: { value: "ai-prod" },
          },
        ],
      },
    ),
    vpc_id: vpcIdInput("VPC whose resolver answers for the namespace."),
    services: required(
      tf.map(service),
      "Discovery services keyed by their DNS label (`redis` → `redis.<name>`): `ttl` of the A records in seconds (default 10, short so clients follow task replacements) and `description`. Multivalue answers return up to eight healthy task addresses. Adding one touches no other.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, s in var.services : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", k)) && s.ttl >= 0 && s.ttl <= 86400 && floor(s.ttl) == s.ttl])',
            errorMessage:
              "services keys must be DNS labels (a-z, 0-9 and -, at most 63 characters, no leading or trailing -) and ttl a whole number of seconds from 0 to 86400.",
            // DNS labels have no underscore.
            rejects: { value: { ai_service: {} } },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    namespace_id: output(tf.string, "ID of the namespace (ns-…)."),
    namespace_arn: output(tf.string, "ARN of the namespace."),
    namespace_name: output(tf.string, "DNS name of the namespace."),
    hosted_zone_id: output(tf.string, "Route 53 private hosted zone Cloud Map created."),
    service_arns: output(
      tf.map(tf.string),
      "Discovery service ARN by name, for the ecs-service module's `service_discovery_arn`.",
    ),
    service_ids: output(tf.map(tf.string), "Discovery service ID (srv-…) by name."),
    service_dns_names: output(
      tf.map(tf.string),
      "DNS name clients resolve, by service (`redis.ai-prod.local`).",
    ),
  },
  example: {
    name: "ai-prod.local",
    vpc_id: "vpc-0123456789abcdef0",
    services: {
      redis: { ttl: 10, description: "Redis on the EC2 capacity" },
      "ai-service": {},
      qdrant: { ttl: 30 },
    },
    tags: { Component: "discovery" },
  },
  notes: `## Design notes

- **Addresses**: \`aws_service_discovery_private_dns_namespace.this\` and
  \`aws_service_discovery_service.this["<name>"]\`; adding a service changes no other.
- **Records**: one \`A\` record per registered task (\`awsvpc\` tasks have their own IP, so no SRV
  record or port is needed; clients use the service's well-known port), routing policy
  \`MULTIVALUE\`, TTL per service (default 10 s).
- **Health from ECS**: \`health_check_custom_config\` makes Cloud Map take each instance's health
  from ECS, which registers a task when it is running and healthy and deregisters it when it
  stops; Route 53 health checks (public namespaces only) are not used. \`failure_threshold\` is
  not set: AWS fixes it at 1 and the provider deprecates it.
- **Use from ecs-service**: pass \`service_arns["redis"]\` as the service's
  \`service_discovery_arn\`. One ECS service per discovery service. Clients also need a security
  group path to the service: an \`egress_security_group_rules\` entry on the client and an
  \`ingress_security_group_rules\` entry on the discovered service.
- **Deleting**: a service with registered instances cannot be deleted; \`force_destroy\` is left
  off so Terraform never deregisters running tasks silently. Stop the ECS service first.
- **Not included**: HTTP namespaces (API-only discovery), public DNS namespaces, ECS Service
  Connect.`,
});
