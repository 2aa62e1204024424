import type { ResolvedEnvironment } from "../config/resolve";
import { code, listing, section, table, yesNo } from "./markdown";

/** The listener port and protocol of the ALB (HTTPS with a certificate, else plain HTTP inside the VPC). */
export function albListener(environment: ResolvedEnvironment): { port: number; protocol: string } {
  return environment.settings.alb.certificateArn
    ? { port: 443, protocol: "HTTPS" }
    : { port: 80, protocol: "HTTP" };
}

/** How requests enter: API Gateway and the VPC link, or the public ALB; the ALB's rules. */
export function entrySection(environment: ResolvedEnvironment): string {
  const { settings } = environment;
  const { entry, api, alb } = settings;
  if (entry === "none")
    return section(
      "Entry",
      "None (`entry: none`): no load balancer; the services are not reachable from outside the VPC.",
    );
  const blocks: string[] = [];
  if (entry === "api-gateway") {
    const authorizers = Object.entries(api.jwtAuthorizers ?? {});
    blocks.push(
      "Requests arrive at an API Gateway HTTP API (`entry: api-gateway`), go through a VPC link in the private subnets to the internal ALB's listener, and the ALB routes them to the services by path.",
      table(
        ["setting", "value"],
        [
          [
            "endpoint",
            api.customDomain
              ? `${code(api.customDomain.domainName)} (custom domain; the default endpoint is off), certificate ${code(api.customDomain.certificateArn)}`
              : "the API's default execute-api endpoint",
          ],
          [
            "throttling",
            `${api.throttlingRateLimit} requests/s steady, burst ${api.throttlingBurstLimit}`,
          ],
          [
            "JWT authorizers",
            authorizers.length === 0
              ? ""
              : authorizers
                  .map(
                    ([name, a]) =>
                      `${code(name)}: issuer ${code(a.issuer)}, audiences ${listing(a.audiences.map((x) => code(x)))}`,
                  )
                  .join("; "),
          ],
          ["CORS origins", listing((api.corsAllowOrigins ?? []).map((o) => code(o))) || "off"],
          ["access logs", `JSON, kept ${settings.logRetentionDays} days`],
          ["WAF", "none: WAF cannot attach to an HTTP API"],
        ],
      ),
    );
    const services = settings.services ?? [];
    blocks.push(
      table(
        ["route", "service", "authorization"],
        (api.routes ?? []).map((r) => {
          const path = r.path ?? services.find((s) => s.name === r.service)?.path ?? "";
          const root = path.replace(/\/+$/, "") === "";
          return [
            code(root ? "$default" : `${r.method ?? "ANY"} ${path.replace(/\/+$/, "")}/{proxy+}`),
            r.service,
            r.public ? "public (no authorizer, on purpose)" : `JWT ${code(r.authorizer ?? "")}`,
          ];
        }),
      ),
    );
  }
  const listener = albListener(environment);
  const internetFacing = entry === "public-alb";
  blocks.push(
    table(
      ["load balancer", "value"],
      [
        [
          "scheme",
          internetFacing
            ? "internet-facing, in the public subnets"
            : "internal, in the private subnets",
        ],
        [
          "listener",
          internetFacing
            ? `HTTPS on 443 (TLS 1.3 policy) and HTTP on 80 redirecting to HTTPS`
            : `${listener.protocol} on ${listener.port}${listener.protocol === "HTTPS" ? " (TLS 1.3 policy)" : " inside the VPC"}`,
        ],
        ["certificate", alb.certificateArn ? code(alb.certificateArn) : "none"],
        [
          "clients admitted by CIDR",
          listing((alb.ingressCidrs ?? []).map((c) => code(c))) || "none",
        ],
        ["default action", "fixed 404"],
        ["deletion protection", yesNo(alb.deletionProtection)],
        ["access logs", `to S3, kept ${alb.accessLogRetentionDays} days`],
      ],
    ),
  );
  const routed = (settings.services ?? []).filter((s) => s.path !== undefined);
  if (routed.length > 0)
    blocks.push(
      table(
        ["rule priority", "path", "service", "health check"],
        [...routed]
          .sort((a, b) => a.priority! - b.priority!)
          .map((s) => [
            String(s.priority),
            code(s.path!.replace(/\/+$/, "") === "" ? "/*" : `${s.path}, ${s.path}/*`),
            `${s.name} (port ${s.port})`,
            code(s.healthCheckPath ?? "/health"),
          ]),
      ),
    );
  return section("Entry", ...blocks);
}
