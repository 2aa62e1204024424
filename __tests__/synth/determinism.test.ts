import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultPlatform } from "../../config/platform";
import { REPO, scratchDir, snapshotTree, synthPlatform } from "../support/synth";

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

  it("the cdktf.json app command run in the project itself writes what synthPlatform writes", () => {
    const { app } = JSON.parse(fs.readFileSync(path.join(REPO, "cdktf.json"), "utf8")) as {
      app: string;
    };
    const viaHelper = synthPlatform({ outdir: path.join(scratchDir("src"), "cdktf.out") });
    // A sibling of the first outdir, so relative module sources read the same.
    const outdir = path.join(path.dirname(viaHelper.outdir), "cdktf-bundle.out");
    const result = spawnSync("sh", ["-c", app], {
      cwd: REPO,
      encoding: "utf8",
      env: {
        ...process.env,
        CDKTF_OUTDIR: outdir,
        TERRAFORM_MODULES_DIR: viaHelper.modulesDir,
        CHECKPOINT_DISABLE: "1",
      },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const strip = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).filter(([f]) => f.endsWith(".tf.json")));
    expect(strip(snapshotTree(outdir))).toEqual(strip(snapshotTree(viaHelper.outdir)));
  });

  it("an internet-facing ALB gets HTTPS and no API Gateway or VPC link in front of it", () => {
    const dir = scratchDir("public-alb");
    const file = path.join(dir, "platform.json");
    const api = { ...defaultPlatform.defaults!.api, routes: [] };
    const alb = {
      certificateArn:
        "arn:aws:acm:eu-north-1:333333333333:certificate/1a2b3c4d-0000-4000-8000-00000000000c",
      ingressCidrs: ["0.0.0.0/0"],
    };
    const defaults = { ...defaultPlatform.defaults, entry: "public-alb", api, alb };
    fs.writeFileSync(file, JSON.stringify({ ...defaultPlatform, defaults }));
    const run = synthPlatform({
      outdir: path.join(dir, "cdktf.out"),
      env: { PLATFORM_CONFIG: file, PLATFORM_ENVIRONMENTS: "prod" },
    });
    expect(run.stderr).toBe("");
    const root = JSON.parse(
      fs.readFileSync(path.join(run.outdir, "stacks", "prod", "cdk.tf.json"), "utf8"),
    );
    expect(Object.keys(root.module)).not.toEqual(expect.arrayContaining(["api"]));
    expect(root.module.vpc_link).toBeUndefined();
    expect(root.module.alb).toMatchObject({ internal: false, ingress_cidr_blocks: ["0.0.0.0/0"] });
    expect(root.module.alb.subnet_ids).toBe("${module.vpc.public_subnet_ids}");
  });
});
