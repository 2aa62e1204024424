import * as path from "node:path";
import { scratchDir, snapshotTree, synthPlatform } from "../support/synth";

describe("synth", () => {
  it("is deterministic: two runs write identical bytes", () => {
    const a = synthPlatform({ outdir: path.join(scratchDir("det-a"), "cdktf.out") });
    const b = synthPlatform({ outdir: path.join(scratchDir("det-b"), "cdktf.out") });
    expect([a.code, b.code]).toEqual([0, 0]);
    const roots = snapshotTree(a.outdir);
    expect(
      Object.keys(roots)
        .filter((f) => f.endsWith("cdk.tf.json"))
        .sort(),
    ).toEqual(["stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json", "stacks/staging/cdk.tf.json"]);
    expect(snapshotTree(b.outdir)).toEqual(roots);
    expect(snapshotTree(b.modulesDir)).toEqual(snapshotTree(a.modulesDir));
  });

  it("builds only the selected environments", () => {
    const run = synthPlatform({ env: { PLATFORM_ENVIRONMENTS: "prod" } });
    expect(run.code).toBe(0);
    expect(Object.keys(snapshotTree(run.outdir)).filter((f) => f.endsWith("cdk.tf.json"))).toEqual([
      "stacks/prod/cdk.tf.json",
    ]);
  });
});
