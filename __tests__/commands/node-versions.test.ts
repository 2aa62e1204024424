import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CommandRun,
  projectCopy,
  rootsOf,
  runInProjectAsync,
  snapshotTree,
  synthPlatform,
  SynthRun,
} from "../support/synth";

/** Set to 1 to skip on purpose (e.g. a machine that cannot reach the npm registry). */
const SKIP_VAR = "SKIP_NODE_VERSION_TESTS";
/** The Node majors the README supports; the machine's own is what the other tests run on. */
const SUPPORTED = [20, 22, 24];
const OWN = Number(process.versions.node.split(".")[0]);
const OTHERS = SUPPORTED.filter((major) => major !== OWN);

function mustSucceed(run: CommandRun, what: string): CommandRun {
  if (run.code !== 0) {
    throw new Error(
      `${what} exited ${run.code}:\n${run.output.slice(-4000)}\n(${SKIP_VAR}=1 skips the Node version checks.)`,
    );
  }
  return run;
}

/**
 * The directory holding a `node` of that major: the registry's `node-<os>-<arch>` package
 * ships the binary itself (nothing downloaded at install time). Kept in the temp directory
 * between runs; reinstalled when missing.
 */
async function nodeBinDir(major: number): Promise<string> {
  const prefix = path.join(os.tmpdir(), `aws-platform-cdktf-node-${major}`);
  const bin = path.join(prefix, "node_modules", ".bin");
  const works = async () =>
    fs.existsSync(bin) &&
    (await runInProjectAsync(prefix, path.join(bin, "node"), ["--version"])).output.startsWith(
      `v${major}.`,
    );
  if (await works()) return bin;
  fs.mkdirSync(prefix, { recursive: true });
  const pkg = `node-${process.platform}-${process.arch}@${major}`;
  mustSucceed(
    await runInProjectAsync(prefix, "npm", [
      "install",
      "--prefix",
      prefix,
      "--no-audit",
      "--no-fund",
      pkg,
    ]),
    `Installing Node ${major} (npm install ${pkg})`,
  );
  if (!(await works())) throw new Error(`${pkg} installed no working node under ${bin}`);
  return bin;
}

/** A clean `npm ci` and the README's `npx cdktf synth` in a fresh copy; its roots and modules. */
async function synthOn(major: number) {
  const env = { PATH: `${await nodeBinDir(major)}${path.delimiter}${process.env.PATH}` };
  const project = projectCopy(`node${major}`, { install: true });
  try {
    const version = (await runInProjectAsync(project, "node", ["--version"], env)).output;
    for (const [command, ...args] of [
      ["npm", "ci", "--no-audit", "--no-fund"],
      ["npx", "cdktf", "synth"],
    ]) {
      mustSucceed(
        await runInProjectAsync(project, command!, args, env),
        `${[command, ...args].join(" ")} on Node ${major}`,
      );
    }
    return {
      version,
      roots: rootsOf(path.join(project, "cdktf.out")),
      modules: snapshotTree(path.join(project, "terraform-modules")),
    };
  } finally {
    // A clean install is some 700 MB.
    fs.rmSync(project, { recursive: true, force: true });
  }
}

const suite = process.env[SKIP_VAR] === "1" ? describe.skip : describe;

suite(`npm ci && npx cdktf synth on Node ${OTHERS.join(" and ")}`, () => {
  // Side by side: each is mostly waiting on the install.
  const runs = new Map<number, ReturnType<typeof synthOn>>();
  let machine: SynthRun;
  beforeAll(() => {
    for (const major of OTHERS) {
      const run = synthOn(major);
      run.catch(() => undefined); // reported by its own test
      runs.set(major, run);
    }
    machine = synthPlatform();
  });

  it.each(OTHERS)(`Node %i writes the bytes Node ${OWN} writes`, async (major) => {
    expect(machine.code).toBe(0);
    const other = await runs.get(major)!;
    expect(other.version).toMatch(new RegExp(`^v${major}\\.`));
    expect(Object.keys(other.roots)).toHaveLength(3);
    expect(other.roots).toEqual(rootsOf(machine.outdir));
    expect(other.modules).toEqual(snapshotTree(machine.modulesDir));
  });
});
