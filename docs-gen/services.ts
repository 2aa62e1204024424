import type { ResolvedEnvironment } from "../config/resolve";
import type { Service } from "../config/schema";
import { code, listing, section, table } from "./markdown";

/** `2 on Fargate, then 3:1 Fargate:Spot`, the capacity provider strategy in words. */
export function capacity(s: Service): string {
  if (s.fargateWeight === 0 && s.fargateBase === 0) return "all Fargate Spot";
  if (s.spotWeight === 0) return "all Fargate";
  const base = s.fargateBase > 0 ? `${s.fargateBase} on Fargate, then ` : "";
  return `${base}${s.fargateWeight}:${s.spotWeight} Fargate:Spot`;
}

/** What a service uses besides the network: stores, volumes, buckets, secrets. */
function uses(s: Service): string {
  return listing([
    ...(s.database ? [`database ${code(s.database)}`] : []),
    ...(s.cache ? [`cache ${code(s.cache)}`] : []),
    ...(s.volumes ?? []).map(
      (v) =>
        `${code(`${v.fileSystem}/${v.accessPoint}`)} at ${code(v.containerPath)}${v.readOnly ? " (read-only)" : ""}`,
    ),
    ...(s.buckets ?? []).map((b) => `bucket ${code(b.bucket)} (${b.access})`),
    ...Object.entries(s.secretRefs ?? {}).map(
      ([variable, ref]) =>
        `secret ${code(typeof ref === "string" ? ref : `${ref.secret}.${ref.key}`)} as ${code(variable)}`,
    ),
    ...Object.keys(s.secrets ?? {}).map((variable) => `secret ARN as ${code(variable)}`),
  ]);
}

/** Each service with its effective sizing, scaling, deployment and image after profiles. */
export function servicesSection(environment: ResolvedEnvironment): string {
  const services = environment.settings.services ?? [];
  if (services.length === 0) return section("Services", "None.");
  const rows = services.map((s) => [
    s.name,
    `ECS Fargate, ${s.architecture ?? "X86_64"}`,
    `${s.cpu} CPU units / ${s.memory} MiB`,
    `${s.desiredCount} (min ${s.minCount}, max ${s.maxCount})`,
    [
      `CPU ${s.cpuTarget} %`,
      `memory ${s.memoryTarget} %`,
      ...(s.requestsPerTarget ? [`${s.requestsPerTarget} requests/task`] : []),
    ].join(", "),
    capacity(s),
    s.path === undefined ? "none (not load balanced)" : `${code(s.path)} → port ${s.port}`,
    uses(s),
  ]);
  const images = services.map((s) => [
    s.name,
    typeof s.image === "string"
      ? code(s.image)
      : "digest" in s.image
        ? `ECR ${code(s.image.repository)} @ ${code(s.image.digest)}`
        : `ECR ${code(s.image.repository)} : ${code(s.image.tag)}`,
    (s.imageOwner ?? "terraform") === "pipeline"
      ? "pipeline: CI registers new task definitions; Terraform ignores the image after the first apply"
      : "terraform: this config sets it",
  ]);
  return section(
    "Services",
    "In the private subnets, one ECS cluster (Container Insights, ECS Exec audit logging). Tasks run with a read-only root file system and scoped execution and task roles.",
    table(
      [
        "service",
        "compute",
        "size",
        "tasks (desired)",
        "scaling targets",
        "capacity",
        "routing",
        "uses",
      ],
      rows,
    ),
    table(["service", "image", "image owner"], images),
    "Deployment: rolling updates (100–200 % of the desired count running), with the deployment circuit breaker and automatic rollback when one of the service's critical alarms fires during a deployment.",
  );
}
