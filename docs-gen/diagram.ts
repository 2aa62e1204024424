import type { ResolvedEnvironment } from "../config/resolve";
import { albListener } from "./entry";
import { type Component, type EnvironmentModel, TIERS, type Tier } from "./model";
import { cidrRules } from "./security";

/** A Mermaid label: quoted, with the characters that would end it written as entities. */
const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

/** Node id of a component: its module call, so edges name what owns the security group. */
const nodeId = (c: Component) => c.call;

const TIER_TITLES: Record<Tier, string> = {
  edge: "Edge",
  public: "Public subnets",
  private: "Private subnets",
  database: "Database subnets",
  other: "Other",
};

/** Left to right within a group: the request path, then the stores. */
const MODULE_ORDER = ["vpc-link", "alb", "ecs-service", "efs", "database", "cache"];
const rank = (c: Component) => {
  const i = MODULE_ORDER.indexOf(c.module);
  return i < 0 ? MODULE_ORDER.length : i;
};

/** The subnet tier's CIDRs, for the group's title. */
function tierCidrs(environment: ResolvedEnvironment, tier: Tier): string {
  if (tier !== "public" && tier !== "private" && tier !== "database") return "";
  const cidrs = environment.azs.map((az) => environment.subnets[az]![tier]).filter(Boolean);
  return cidrs.length > 0 ? `: ${cidrs.join(", ")}` : "";
}

function nodeShape(c: Component, environment: ResolvedEnvironment): string {
  const { settings } = environment;
  switch (c.module) {
    case "alb":
      return `[${label(settings.entry === "public-alb" ? "Internet-facing ALB" : "Internal ALB")}]`;
    case "vpc-link":
      return `[${label("VPC link")}]`;
    case "ecs-service":
      return `[${label(`${c.label.replace(/^service /, "")} · ECS Fargate`)}]`;
    case "database": {
      const name = c.label.replace(/^database /, "");
      return `[(${label(`${name} · ${settings.databases?.[name]?.engine ?? "database"}`)})]`;
    }
    case "cache":
      return `[(${label(c.label)})]`;
    case "efs":
      return `[(${label(c.label.replace(/ \(NFS\)$/, ""))})]`;
    default:
      return `[${label(c.label)}]`;
  }
}

/**
 * The architecture as a Mermaid flowchart. Solid arrows are exactly the environment's
 * security-group flows (source → destination, port); dotted arrows are traffic no security
 * group between two components governs: clients to the entry point, the API into its VPC link.
 */
export function diagram(model: EnvironmentModel): string {
  const { environment, components, flows } = model;
  const { settings } = environment;
  const lines = ["flowchart LR"];
  const edgeNodes: string[] = [];
  const dotted: string[] = [];
  const cidrs = cidrRules(environment).filter((r) => r.target === "load balancer");
  if (settings.entry === "api-gateway" || cidrs.length > 0)
    edgeNodes.push(`    clients((${label("Clients")}))`);
  const alb = [...components.values()].find((c) => c.module === "alb");
  const link = [...components.values()].find((c) => c.module === "vpc-link");
  if (settings.entry === "api-gateway") {
    edgeNodes.push(`    api[${label("API Gateway HTTP API")}]`);
    dotted.push(`  clients -.->|${label("HTTPS")}| api`);
    if (link) dotted.push(`  api -.->|${label("VPC link")}| ${nodeId(link)}`);
  }
  if (alb && cidrs.length > 0) {
    const ports =
      settings.entry === "public-alb" ? "80, 443" : String(albListener(environment).port);
    dotted.push(
      `  clients -.->|${label(`${ports} from ${cidrs.map((r) => r.source.replace(/`/g, "")).join(", ")}`)}| ${nodeId(alb)}`,
    );
  }
  for (const tier of TIERS) {
    const members =
      tier === "edge"
        ? edgeNodes
        : [...components.values()]
            .filter((c) => c.tier === tier)
            .sort((a, b) => rank(a) - rank(b))
            .map((c) => `    ${nodeId(c)}${nodeShape(c, environment)}`);
    if (members.length === 0) continue;
    lines.push(
      `  subgraph tier_${tier}[${label(`${TIER_TITLES[tier]}${tierCidrs(environment, tier)}`)}]`,
    );
    lines.push(...members, "  end");
  }
  lines.push(...dotted);
  for (const f of flows)
    lines.push(`  ${nodeId(f.source)} -->|${label(`TCP ${f.port}`)}| ${nodeId(f.target)}`);
  return lines.join("\n");
}
