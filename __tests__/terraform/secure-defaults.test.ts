import { PlanJson } from "../../tools/terraform/runner";
import { after, changes, planEnvironment } from "../support/plan";
import { secureDefaultFindings } from "../support/secure-defaults";
import { readRoot, synthPlatform, SynthRun } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const ENVS = ["staging", "prod"] as const;

/**
 * The built-in platform's staging and prod plans meet the secure defaults, among them HTTPS on
 * every hop: API Gateway → VPC link → the internal ALB's HTTPS listener, whose certificate
 * (DNS-validated, for `internal.<domain>`) API Gateway verifies.
 */
describeTerraform("the built-in staging and prod plans meet the secure defaults", () => {
  let run: SynthRun;
  const plans: Record<string, PlanJson> = {};

  beforeAll(() => {
    run = synthPlatform();
    expect(run.code).toBe(0);
    for (const env of ENVS) plans[env] = planEnvironment(run, env);
  });

  it("has no finding of the secure-defaults checker", () => {
    for (const env of ENVS) expect([env, secureDefaultFindings(plans[env]!)]).toEqual([env, []]);
  });

  it("serves the internal ALB over HTTPS with a certificate API Gateway verifies", () => {
    for (const env of ENVS) {
      const plan = plans[env]!;
      const host = `internal.api.${env === "prod" ? "" : `${env}.`}healthcare.example`;
      const listener = changes(plan, "aws_lb_listener").find(
        (c) => c.address === "module.alb.aws_lb_listener.serving",
      )!;
      expect(after(listener)).toMatchObject({ protocol: "HTTPS", port: 443 });
      expect(after(changes(plan, "aws_acm_certificate")[0]!)).toMatchObject({
        domain_name: host,
        validation_method: "DNS",
      });
      for (const integration of changes(plan, "aws_apigatewayv2_integration"))
        expect(after(integration).tls_config).toEqual([{ server_name_to_verify: host }]);
      // The VPC link's rule is keyed by port: existing states move it instead of replacing it.
      expect(readRoot(run, env).moved).toEqual([
        {
          from: 'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:80"]',
          to: 'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:443"]',
        },
      ]);
    }
  });
});
