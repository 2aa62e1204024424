import { VpcModule } from "../constructs/vpc";
import type { EnvironmentStack } from "./environment-stack";

export type Network = ReturnType<typeof addNetwork>;

/** The environment's VPC, from its resolved network settings. */
export function addNetwork(stack: EnvironmentStack) {
  const { settings, subnets } = stack.environment;
  const vpc = new VpcModule(stack, "vpc", {
    source: stack.moduleSource("vpc"),
    inputs: {
      name: stack.namePrefix,
      cidr_block: settings.vpc.cidr,
      subnets: Object.fromEntries(Object.entries(subnets).map(([az, s]) => [az, { ...s }])),
      nat_mode: settings.vpc.natMode,
      flow_log_retention_days: settings.vpc.flowLogRetentionDays,
    },
  });
  return {
    vpc,
    outputs: {
      vpc_id: vpc.outputs.vpc_id,
      private_subnet_ids: vpc.outputs.private_subnet_ids,
      nat_public_ips: vpc.outputs.nat_public_ips,
    },
  };
}
