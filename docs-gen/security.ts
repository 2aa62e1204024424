import type { ResolvedEnvironment } from "../config/resolve";
import { serviceCallId } from "../stacks/compute";
import { snake } from "../stacks/data-stores";
import { albListener } from "./entry";
import { code, section, table } from "./markdown";
import type { Component, EnvironmentModel, SecurityFlow } from "./model";

/** A rule admitted by CIDR or prefix list rather than a security group. */
export interface CidrRule {
  readonly source: string;
  readonly target: string;
  readonly ports: readonly number[];
  readonly why: string;
}

/** The listener ports an internet-facing ALB opens to its CIDRs (80 redirects, 443 serves). */
export function cidrRules(environment: ResolvedEnvironment): CidrRule[] {
  const { settings } = environment;
  const rules: CidrRule[] = [];
  const cidrs = settings.alb.ingressCidrs ?? [];
  if (settings.entry !== "none" && cidrs.length > 0) {
    const ports = settings.entry === "public-alb" ? [80, 443] : [albListener(environment).port];
    for (const cidr of cidrs)
      rules.push({
        source: code(cidr),
        target: "load balancer",
        ports,
        why: `${code("alb.ingressCidrs")} lists it`,
      });
  }
  if ((settings.vpc.interfaceEndpoints ?? []).length > 0)
    rules.push({
      source: `the VPC (${code(settings.vpc.cidr)})`,
      target: "interface endpoints",
      ports: [443],
      why: `${code("vpc.interfaceEndpoints")}: AWS APIs without NAT`,
    });
  return rules;
}

/** Which config setting asked for a flow, found from the two module calls it connects. */
export function whyFlow(flow: SecurityFlow, environment: ResolvedEnvironment): string {
  const { settings } = environment;
  const { source, target } = flow;
  const service = (c: Component) =>
    (settings.services ?? []).find((s) => serviceCallId(s.name) === c.call);
  const store = (names: Record<string, unknown> | undefined, prefix: string, c: Component) =>
    Object.keys(names ?? {}).find((n) => `${prefix}_${snake(n)}` === c.call);
  if (source.module === "vpc-link" && target.module === "alb")
    return `${code("entry: api-gateway")}: the API reaches the internal ALB through its VPC link`;
  const to = service(target);
  if (source.module === "alb" && to?.path !== undefined)
    return `${code(`services[${to.name}].path: ${to.path}`)}: the ALB routes it`;
  const from = service(source);
  if (from) {
    const database = store(settings.databases, "database", target);
    if (database) return code(`services[${from.name}].database: ${database}`);
    const cache = store(settings.caches, "cache", target);
    if (cache) return code(`services[${from.name}].cache: ${cache}`);
    const fileSystem = store(settings.fileSystems, "file_system", target);
    if (fileSystem) return `${code(`services[${from.name}].volumes`)} mount ${code(fileSystem)}`;
  }
  return `${source.label} → ${target.label}, as the environment's parts connect them`;
}

/** Who may talk to whom: every security-group flow, then the CIDR rules. */
export function securitySection(model: EnvironmentModel): string {
  const { environment, flows } = model;
  const rows = flows.map((f) => [
    f.source.label,
    f.target.label,
    String(f.port),
    whyFlow(f, environment),
  ]);
  for (const rule of cidrRules(environment))
    rows.push([rule.source, rule.target, rule.ports.join(", "), rule.why]);
  return section(
    "Security matrix",
    "Every ingress rule of the environment: one row per rule between security groups (each has its egress twin on the source), then the rules that admit address ranges. Nothing else is admitted: no security group allows SSH, and nothing but these is open to the internet.",
    table(["source", "destination", "port (TCP)", "why"], rows),
  );
}
