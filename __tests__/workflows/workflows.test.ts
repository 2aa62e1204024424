/**
 * Static checks of every GitHub Actions workflow: each rule is a small named function returning
 * problems as "<file> job <id> step <n>: what is wrong", so a failure says exactly where.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { DEFAULT_MARKER } from "../../tools/plan-summary/render-markdown";
import { REPO } from "../support/synth";

type Json = Record<string, any>;

interface Workflow {
  readonly file: string;
  /** Aliases resolved, as GitHub sees it. */
  readonly doc: Json;
  readonly yamlErrors: readonly string[];
}

interface JobRef {
  readonly where: string;
  readonly id: string;
  readonly job: Json;
}

interface StepRef {
  readonly where: string;
  readonly step: Json;
}

type Check = (wf: Workflow) => string[];

const WORKFLOW_DIR = path.join(REPO, ".github", "workflows");
const ENVIRONMENTS = ["dev", "staging", "prod"];
const AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";

function loadWorkflow(file: string, text: string): Workflow {
  const document = parseDocument(text);
  const doc = document.toJS({ maxAliasCount: -1 }) as unknown;
  return {
    file,
    doc: typeof doc === "object" && doc !== null ? (doc as Json) : {},
    yamlErrors: document.errors.map((e) => e.message),
  };
}

function jobsOf(wf: Workflow): JobRef[] {
  const jobs = typeof wf.doc.jobs === "object" && wf.doc.jobs !== null ? wf.doc.jobs : {};
  return Object.entries(jobs as Json).map(([id, job]) => ({
    where: `${wf.file} job ${id}`,
    id,
    job: (job ?? {}) as Json,
  }));
}

function stepsOf({ where, job }: JobRef): StepRef[] {
  const steps: unknown[] = Array.isArray(job.steps) ? job.steps : [];
  return steps.map((step, i) => {
    const s = (step ?? {}) as Json;
    const label = s.name ?? s.uses;
    return { where: `${where} step ${i + 1}${label ? ` (${label})` : ""}`, step: s };
  });
}

const allSteps = (wf: Workflow): StepRef[] => jobsOf(wf).flatMap(stepsOf);
const usesAws = (job: JobRef) =>
  stepsOf(job).some(({ step }) => String(step.uses ?? "").startsWith(`${AWS_CREDENTIALS}@`));
const runs = (job: JobRef, pattern: RegExp) =>
  stepsOf(job).some(({ step }) => pattern.test(String(step.run ?? "")));

const usesTerraform = (wf: Workflow) =>
  allSteps(wf).some(
    ({ step }) =>
      String(step.uses ?? "").startsWith("hashicorp/setup-terraform@") ||
      /\bterraform\b/.test(String(step.run ?? "")),
  );
const isReusable = (wf: Workflow) =>
  typeof wf.doc.on === "object" && wf.doc.on !== null && "workflow_call" in wf.doc.on;
const callInputs = (wf: Workflow): Json =>
  (isReusable(wf) ? wf.doc.on.workflow_call?.inputs : undefined) ?? {};

/** Rules every workflow follows. */
const CHECKS: Record<string, Check> = {
  "is valid YAML with `on` and `jobs`": (wf) => [
    ...wf.yamlErrors.map((e) => `${wf.file}: invalid YAML: ${e}`),
    ...(wf.doc.on === undefined ? [`${wf.file}: no \`on:\` trigger`] : []),
    ...(jobsOf(wf).length === 0 ? [`${wf.file}: no \`jobs:\``] : []),
  ],

  "every job has `runs-on` and `steps`, or calls a reusable workflow with `uses`": (wf) =>
    jobsOf(wf)
      .filter(({ job }) => !job.uses && (!job["runs-on"] || !Array.isArray(job.steps)))
      .map(({ where }) => `${where}: needs runs-on and steps (or uses: for a reusable workflow)`),

  "every step has `uses` or `run`": (wf) =>
    allSteps(wf)
      .filter(({ step }) => !step.uses === !step.run)
      .map(
        ({ where, step }) =>
          `${where}: has ${step.uses ? "both" : "neither"} of uses/run; exactly one is needed`,
      ),

  "no `run:` script contains a `${{ }}` expression (pass values through env:)": (wf) =>
    allSteps(wf)
      .filter(({ step }) => String(step.run ?? "").includes("${{"))
      .map(({ where }) => `${where}: run: interpolates \${{ }}; move it to env: and use "$VAR"`),

  "top-level `permissions` exist and grant no write access": (wf) => {
    const p = wf.doc.permissions;
    if (typeof p !== "object" || p === null) {
      return [
        `${wf.file}: top-level permissions must be a map such as {contents: read}, got ${JSON.stringify(p)}`,
      ];
    }
    return Object.entries(p as Json)
      .filter(([, level]) => level !== "read" && level !== "none")
      .map(
        ([scope, level]) =>
          `${wf.file}: top-level permissions grant ${scope}: ${level}; widen per job`,
      );
  },

  "jobs that assume an AWS role may request an OIDC token (id-token: write)": (wf) =>
    jobsOf(wf)
      .filter((job) => usesAws(job) && job.job.permissions?.["id-token"] !== "write")
      .map(({ where }) => `${where}: uses ${AWS_CREDENTIALS} without permissions id-token: write`),

  "AWS roles come from GitHub variables (or a reusable workflow's input), never literal ARNs": (
    wf,
  ) =>
    allSteps(wf)
      .filter(({ step }) => String(step.uses ?? "").startsWith(`${AWS_CREDENTIALS}@`))
      .filter(({ step }) => {
        const role = String(step.with?.["role-to-assume"]);
        const input = /^\$\{\{ inputs\.([a-z][a-z0-9-]*) \}\}$/.exec(role)?.[1];
        return !/^\$\{\{ vars\.[A-Z_]+ \}\}$/.test(role) && !(input && callInputs(wf)[input]);
      })
      .map(
        ({ where, step }) =>
          `${where}: role-to-assume ${JSON.stringify(step.with?.["role-to-assume"])} is neither \${{ vars.NAME }} nor a declared workflow_call input`,
      ),

  "reusable workflows pin every action to a commit SHA (callers cannot audit tags)": (wf) =>
    isReusable(wf)
      ? allSteps(wf)
          .filter(({ step }) => typeof step.uses === "string" && !step.uses.startsWith("./"))
          .filter(({ step }) => !/@[0-9a-f]{40}$/.test(step.uses))
          .map(({ where, step }) => `${where}: ${step.uses} is not pinned to a 40-character SHA`)
      : [],

  "reusable workflows declare the type and a description of every input": (wf) =>
    Object.entries(callInputs(wf))
      .filter(([, input]) => !input?.type || !input?.description)
      .map(([name]) => `${wf.file}: workflow_call input ${name} needs type and description`),

  "every `uses:` is pinned to a version tag or a commit SHA, not a branch": (wf) =>
    [
      ...jobsOf(wf).map(({ where, job }) => ({ where, uses: job.uses })),
      ...allSteps(wf).map(({ where, step }) => ({ where, uses: step.uses })),
    ]
      .filter(({ uses }) => typeof uses === "string" && !uses.startsWith("./"))
      .filter(({ uses }) => !/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(uses))
      .map(
        ({ where, uses }) => `${where}: ${uses} is not pinned to @vN[.N[.N]] or a 40-character SHA`,
      ),

  "Terraform runs non-interactively, without checkpoint calls, in bash": (wf) => {
    const expected = { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    return [
      ...Object.entries(usesTerraform(wf) ? expected : {})
        .filter(([name, value]) => wf.doc.env?.[name] !== value)
        .map(([name, value]) => `${wf.file}: top-level env must set ${name}: "${value}"`),
      ...(wf.doc.defaults?.run?.shell === "bash"
        ? []
        : [`${wf.file}: defaults.run.shell must be bash`]),
    ];
  },

  "Terraform 1.11.x without the wrapper, Node 20 with the npm cache": (wf) =>
    allSteps(wf).flatMap(({ where, step }) => {
      const uses = String(step.uses ?? "");
      if (uses.startsWith("hashicorp/setup-terraform@")) {
        return step.with?.terraform_version === "1.11.x" && step.with?.terraform_wrapper === false
          ? []
          : [`${where}: needs terraform_version: 1.11.x and terraform_wrapper: false`];
      }
      if (uses.startsWith("actions/setup-node@")) {
        return step.with?.["node-version"] === 20 && step.with?.cache === "npm"
          ? []
          : [`${where}: needs node-version: 20 and cache: npm`];
      }
      return [];
    }),

  "jobs that run `terraform apply` deploy to a GitHub environment": (wf) =>
    jobsOf(wf)
      .filter((job) => runs(job, /\bterraform\b.*\bapply\b/) && !job.job.environment)
      .map(({ where }) => `${where}: runs terraform apply without environment:`),
};

function workflowFiles(): string[] {
  return fs
    .readdirSync(WORKFLOW_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

const WORKFLOWS = workflowFiles().map((file) =>
  loadWorkflow(file, fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")),
);

function workflow(file: string): Workflow {
  const wf = WORKFLOWS.find((w) => w.file === file);
  if (!wf) throw new Error(`.github/workflows/${file} is missing`);
  return wf;
}

function job(file: string, id: string): JobRef {
  const found = jobsOf(workflow(file)).find((j) => j.id === id);
  if (!found) throw new Error(`${file} has no job ${id}`);
  return found;
}

/** The job's steps before the first one that runs `pattern`, or undefined when none does. */
function stepsBefore(ref: JobRef, pattern: RegExp): StepRef[] | undefined {
  const steps = stepsOf(ref);
  const index = steps.findIndex(({ step }) => pattern.test(String(step.run ?? "")));
  return index < 0 ? undefined : steps.slice(0, index);
}

describe("GitHub workflows: rules for every file", () => {
  it("the four workflows exist", () => {
    expect(workflowFiles()).toEqual(
      expect.arrayContaining(["apply.yml", "deploy-ecs.yml", "drift.yml", "pull-request.yml"]),
    );
  });

  it.each(Object.entries(CHECKS))("%s", (_name, check) => {
    expect(WORKFLOWS.flatMap(check)).toEqual([]);
  });

  it("each rule reports a workflow that breaks it", () => {
    const bad = loadWorkflow(
      "bad.yml",
      [
        "on: { push: null, workflow_call: { inputs: { role: { type: string } } } }",
        "permissions: write-all",
        "env: { TF_IN_AUTOMATION: '1' }",
        "jobs:",
        "  deploy:",
        "    steps:",
        "      - name: does nothing",
        '      - run: echo "${{ github.event.pull_request.title }}" && terraform apply plan',
        "      - uses: actions/checkout@main",
        "      - uses: hashicorp/setup-terraform@v3",
        "      - uses: actions/setup-node@v4",
        "      - uses: aws-actions/configure-aws-credentials@v4",
        "        with: { role-to-assume: 'arn:aws:iam::123456789012:role/x' }",
      ].join("\n"),
    );
    const empty = loadWorkflow("empty.yml", "name: [unclosed\n");
    for (const [name, check] of Object.entries(CHECKS)) {
      expect({ name, problems: [...check(bad), ...check(empty)].length > 0 }).toEqual({
        name,
        problems: true,
      });
    }
  });
});

describe("pull-request.yml", () => {
  const wf = workflow("pull-request.yml");

  it("runs on pull requests, including label changes (the allow-destroy label)", () => {
    expect(wf.doc.on.pull_request.types).toEqual(expect.arrayContaining(["labeled", "unlabeled"]));
  });

  it("test job: npm test, synth, and fails when terraform-modules/ is stale", () => {
    const test = job("pull-request.yml", "test");
    expect(runs(test, /^npm test$/m)).toBe(true);
    expect(runs(test, /npx cdktf synth/)).toBe(true);
    expect(runs(test, /git diff --exit-code -- terraform-modules/)).toBe(true);
  });

  it("plan job: a matrix over dev/staging/prod, each in its <env>-plan environment", () => {
    const plan = job("pull-request.yml", "plan").job;
    expect(plan.needs).toBe("test");
    expect(plan.strategy?.matrix?.env).toEqual(ENVIRONMENTS);
    expect(plan.environment).toBe("${{ matrix.env }}-plan");
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("plan job: plans without a lock, fingerprints it and uploads plan-<env> even on failure", () => {
    const plan = job("pull-request.yml", "plan");
    expect(runs(plan, /terraform .*plan .*-lock=false[^\n]*\\\n\s*-out=/)).toBe(true);
    expect(
      runs(plan, /tools\/plan-fingerprint\.ts .*> "\$PLAN_OUT\/plan-fingerprint-\$TF_ENV\.txt"/),
    ).toBe(true);
    const upload = stepsOf(plan).find(({ step }) =>
      String(step.uses).startsWith("actions/upload-artifact@"),
    );
    expect(upload?.step.if).toBe("always()");
    expect(upload?.step.with?.name).toBe("plan-${{ matrix.env }}");
  });

  it("comment job: pages through all comments for the plan-summary marker, covers every env", () => {
    const comment = job("pull-request.yml", "comment");
    expect(comment.job.needs).toBe("plan");
    expect(comment.job.if).toMatch(/always\(\)/);
    expect(comment.job.permissions?.["pull-requests"]).toBe("write");
    expect(comment.job.env?.PLAN_COMMENT_MARKER).toBe(DEFAULT_MARKER);
    expect(comment.job.env?.ENVIRONMENTS).toBe(ENVIRONMENTS.join(" "));
    expect(
      runs(
        comment,
        /gh api --paginate "repos\/\$GITHUB_REPOSITORY\/issues\/\$PR_NUMBER\/comments"/,
      ),
    ).toBe(true);
    expect(runs(comment, /startswith\(env\.PLAN_COMMENT_MARKER\)/)).toBe(true);
    expect(runs(comment, /--rawfile body plan-comment\.md/)).toBe(true);
  });

  it("comment job: prod destroy guard, overridden only by the allow-destroy label from the event file", () => {
    const comment = job("pull-request.yml", "comment");
    expect(runs(comment, /jq -e '[^']*"allow-destroy"[^']*' "\$GITHUB_EVENT_PATH"/)).toBe(true);
    expect(runs(comment, /plan-summary -- guard --plan "\$plan" "\$\{allow\[@\]\}"/)).toBe(true);
  });
});

describe("apply.yml", () => {
  const wf = workflow("apply.yml");
  const jobs = jobsOf(wf);

  it("runs on pushes to main and on demand", () => {
    expect(wf.doc.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
  });

  it("applies dev, then staging, then prod, each in its GitHub environment", () => {
    expect(jobs.map(({ job: j }) => [j.environment, j.needs])).toEqual([
      ["dev", undefined],
      ["staging", "apply-dev"],
      ["prod", "apply-staging"],
    ]);
  });

  it("one apply per environment at a time, never cancelled", () => {
    for (const { where, job: j } of jobs) {
      expect({ where, concurrency: j.concurrency }).toEqual({
        where,
        concurrency: { group: `apply-${j.environment}`, "cancel-in-progress": false },
      });
    }
  });

  it("applies with the environment's APPLY_ROLE_ARN", () => {
    for (const ref of jobs) {
      const aws = stepsOf(ref).find(({ step }) => String(step.uses).startsWith(AWS_CREDENTIALS));
      expect(aws?.step.with?.["role-to-assume"]).toBe("${{ vars.APPLY_ROLE_ARN }}");
    }
  });

  it("checks the fingerprint and the prod destroy guard before terraform apply", () => {
    for (const ref of jobs) {
      const before = stepsBefore(ref, /terraform .*apply /);
      const runsBefore = (before ?? []).map(({ step }) => String(step.run ?? "")).join("\n");
      expect({ where: ref.where, applies: before !== undefined }).toEqual({
        where: ref.where,
        applies: true,
      });
      expect(runsBefore).toMatch(/gh run download "\$run_id" .*--name "plan-\$TF_ENV"/);
      expect(runsBefore).toMatch(/if \[ "\$fresh" != "\$reviewed" \]; then[\s\S]*exit 1/);
      expect(runsBefore).toMatch(/plan-summary -- guard --plan/);
    }
  });
});

describe("drift.yml", () => {
  const wf = workflow("drift.yml");
  const drift = job("drift.yml", "drift");

  it("runs on a schedule and on demand", () => {
    expect(wf.doc.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(wf.doc.on).toHaveProperty("workflow_dispatch");
  });

  it("plans every environment with -detailed-exitcode and may manage issues", () => {
    expect(drift.job.strategy?.matrix?.env).toEqual(ENVIRONMENTS);
    expect(drift.job.permissions?.issues).toBe("write");
    expect(runs(drift, /-detailed-exitcode/)).toBe(true);
  });

  it("opens or updates one `Drift detected in <env>` issue on exit 2, closes it on exit 0", () => {
    expect(drift.job.env?.ISSUE_TITLE).toBe("Drift detected in ${{ matrix.env }}");
    const steps = stepsOf(drift);
    const onDrift = steps.find(({ step }) => step.if === "steps.plan.outputs.status == '2'");
    const onClean = steps.find(({ step }) =>
      String(step.if).startsWith("steps.plan.outputs.status == '0'"),
    );
    expect(onDrift?.step.run).toMatch(
      /gh issue edit "\$ISSUE"[\s\S]*gh issue create .*--label drift/,
    );
    expect(onClean?.step.run).toMatch(/gh issue close "\$ISSUE"/);
    expect(runs(drift, /gh issue list .*--label drift/)).toBe(true);
  });
});

describe("deploy-ecs.yml (reusable deploy for application repositories)", () => {
  const wf = workflow("deploy-ecs.yml");
  const deploy = job("deploy-ecs.yml", "deploy");
  const steps = stepsOf(deploy);
  const index = (pattern: RegExp) =>
    steps.findIndex(({ step }) => pattern.test(String(step.run ?? step.uses ?? "")));

  it("is called with the deploy target as inputs, and only so", () => {
    expect(Object.keys(wf.doc.on)).toEqual(["workflow_call"]);
    const inputs = callInputs(wf);
    for (const name of [
      "environment",
      "role-arn",
      "region",
      "repository",
      "cluster",
      "service",
      "task-family",
      "container-name",
    ])
      expect([name, inputs[name]?.required]).toEqual([name, true]);
    expect(inputs["deployment-mode"]?.default).toBe("rolling");
    expect(inputs).toHaveProperty("codedeploy-application");
    expect(inputs).toHaveProperty("codedeploy-deployment-group");
  });

  it("assumes the deploy role from its GitHub environment with an OIDC token", () => {
    expect(deploy.job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(deploy.job.environment).toBe("${{ inputs.environment }}");
    const aws = steps.find(({ step }) => String(step.uses).startsWith(AWS_CREDENTIALS));
    expect(aws?.step.with?.["role-to-assume"]).toBe("${{ inputs.role-arn }}");
  });

  it("builds, scans with a SHA-pinned scanner that fails the job, then pushes", () => {
    const scan = steps.find(({ step }) =>
      String(step.uses).startsWith("aquasecurity/trivy-action@"),
    );
    expect(scan?.step.uses).toMatch(/@[0-9a-f]{40}$/);
    expect(scan?.step.with?.["exit-code"]).toBe("1");
    const build = index(/docker build/);
    const scanAt = steps.indexOf(scan!);
    const push = index(/docker push/);
    expect(build).toBeGreaterThanOrEqual(0);
    expect([build < scanAt, scanAt < push]).toEqual([true, true]);
  });

  it("deploys the image by digest", () => {
    const render = steps.find(({ step }) => /register-task-definition/.test(String(step.run)));
    expect(render?.step.env?.IMAGE).toBe("${{ steps.push.outputs.image }}");
    expect(steps[index(/docker push/)]!.step.run).toMatch(
      /imageDigest[\s\S]*image=\$IMAGE_URI@\$digest/,
    );
  });

  it("rolling: waits for stability and fails when the service rolled back", () => {
    const rolling = steps[index(/aws ecs update-service/)]!.step;
    expect(rolling.if).toBe("inputs.deployment-mode == 'rolling'");
    expect(rolling.run).toMatch(/aws ecs wait services-stable/);
    expect(rolling.run).toMatch(/rolloutState[\s\S]*COMPLETED[\s\S]*exit 1/);
  });

  it("codedeploy: deploys a generated appspec and fails unless the deployment succeeded", () => {
    const cd = steps[index(/aws deploy create-deployment/)]!.step;
    expect(cd.if).toBe("inputs.deployment-mode == 'codedeploy'");
    expect(cd.run).toMatch(/AppSpecContent/);
    expect(cd.run).toMatch(/aws deploy wait deployment-successful/);
    expect(cd.run).toMatch(/!= "Succeeded"[\s\S]*exit 1/);
  });
});
