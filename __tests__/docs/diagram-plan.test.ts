import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanJson } from "../../tools/terraform/runner";
import { after, changes, planEnvironment } from "../support/plan";
import { readRoot, REPO, synthPlatform, SynthRun } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/** The diagram's solid arrows in a committed overview: `source -> target:port` by module call. */
function diagramEdges(env: string): string[] {
  const doc = fs.readFileSync(path.join(REPO, "docs", "platform", `${env}.md`), "utf8");
  const [, mermaid] = /^```mermaid\n([\s\S]*?)^```$/m.exec(doc)!;
  return [...mermaid!.matchAll(/^ {2}([a-z0-9_]+) -->\|"TCP (\d+)"\| ([a-z0-9_]+)$/gm)]
    .map(([, from, port, to]) => `${from} -> ${to}:${port}`)
    .sort();
}

const MODULE_OUTPUT = /^\$\{module\.([a-z0-9_]+)\.[a-z0-9_]+\}$/;

/**
 * Every ingress rule between two security groups in the plan, as `source -> target:port` by
 * the module calls that own the groups. The target owns the rule; the source is found by
 * following the rule's `referenced_security_group_id` to the module variable it reads (in the
 * plan's configuration) and that variable's value in the root: a module output, or a map of
 * them keyed like the rule's instance (`["eshop"]`, `["vpc_link:80"]`).
 */
function planEdges(plan: PlanJson, root: Record<string, any>): string[] {
  const calls = (plan.configuration as any).root_module.module_calls;
  return changes(plan, "aws_vpc_security_group_ingress_rule")
    .filter((r) => after(r).cidr_ipv4 == null && after(r).prefix_list_id == null)
    .map((r) => {
      const [, target, name, key] =
        /^module\.([a-z0-9_]+)\.[a-z_]+\.([a-z0-9_]+)(?:\[(.+)\])?$/.exec(r.address)!;
      const resource = calls[target!].module.resources.find(
        (x: any) => x.address === `aws_vpc_security_group_ingress_rule.${name}`,
      );
      const refs: string[] = [
        ...(resource.expressions.referenced_security_group_id?.references ?? []),
        ...(resource.for_each_expression?.references ?? []),
      ];
      const variable = refs.find((ref) => ref.startsWith("var."))!.slice("var.".length);
      const value = root.module[target!][variable];
      const instance = key === undefined ? undefined : (JSON.parse(key) as string | number);
      const output =
        typeof value === "string"
          ? value
          : (value as Record<string, string>)[String(instance).split(":")[0]!];
      const source = MODULE_OUTPUT.exec(output ?? "")?.[1];
      if (!source) throw new Error(`${r.address}: cannot tell its source from ${variable}`);
      return `${source} -> ${target}:${after(r).from_port}`;
    })
    .sort();
}

describeTerraform("the architecture diagram against the plan", () => {
  let run: SynthRun;
  let plan: PlanJson;

  beforeAll(() => {
    run = synthPlatform();
    expect(run.code).toBe(0);
    plan = planEnvironment(run, "prod");
  });

  it("has an arrow exactly where prod's plan has a security-group rule", () => {
    const edges = planEdges(plan, readRoot(run, "prod"));
    expect(edges.length).toBeGreaterThan(0);
    expect(diagramEdges("prod")).toEqual(edges);
  });
});
