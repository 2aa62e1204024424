/**
 * Renders the sticky PR comment. The comment must stay under GitHub's 65,536-character limit, so
 * detail is dropped in a fixed order until it fits: plain-text plans, then the longest address
 * lists, then error output, then the per-environment sections. The banner and the table always
 * stay, and a note says what was cut.
 */
import { hasChanges, terraformPlanLine, type ChangeCounts } from "./counts";
import type { EnvStatus, EnvSummary } from "./env-summary";
import { clip, escapeHtml, fencedBlock, literal, plural } from "./markdown";
import type { PlannedChange, PlanModel } from "./plan-model";
import { quotePending, type FreeText } from "./redact";
import { actionInWords, reasonInWords } from "./wording";

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Headroom for whatever a workflow adds around the body (and for counting surprises). */
export const SAFETY_MARGIN = 500;
export const DEFAULT_MARKER = "<!-- aws-platform-plan-summary -->";
export const DEFAULT_TITLE = "Terraform plan";
/** Bounds the parts that are never cut, so they always fit in the limit. */
export const MAX_ENVIRONMENTS = 50;
export const MAX_ENV_NAME = 40;
export const MAX_TITLE = 200;
export const MAX_MARKER = 200;

export interface RenderOptions {
  readonly title?: string;
  readonly marker?: string;
  /** Maximum length in JS string characters; defaults to the GitHub limit minus the margin. */
  readonly budget?: number;
}

const STATUS_LABEL: Readonly<Record<EnvStatus, string>> = {
  failed: "❌ failed",
  destructive: "⚠️ destructive",
  review: "⚠️ needs review",
  changes: "📝 changes",
  "no-changes": "✅ no changes",
};

const COUNT_COLUMNS: readonly (readonly [string, keyof ChangeCounts])[] = [
  ["Add", "add"],
  ["Change", "change"],
  ["Destroy", "destroy"],
  ["Replace", "replace"],
  ["Import", "import"],
  ["Move", "move"],
  ["Forget", "forget"],
  ["Drift", "drift"],
];

/** One "**Heading** (n)" list in an environment's section. */
interface Group {
  readonly heading: string;
  readonly items: readonly string[];
}

/** How much detail a rendering keeps. */
interface Shape {
  readonly planText: boolean;
  readonly listCap: number;
  readonly errorOutput: boolean;
  readonly details: boolean;
}

const FULL: Shape = { planText: true, listCap: Infinity, errorOutput: true, details: true };

function reasonText(reason: string | undefined, args: readonly string[] = []): string | undefined {
  if (reason === undefined) return undefined;
  const which = args.length > 0 ? ` (${args.map((a) => literal(a)).join(", ")})` : "";
  return `because ${reasonInWords(reason) ?? `of ${literal(reason)}`}${which}`;
}

function item(address: string, ...notes: (string | undefined)[]): string {
  const suffix = notes.filter((n): n is string => n !== undefined).join(", ");
  return `- ${literal(address)}${suffix === "" ? "" : ` — ${suffix}`}`;
}

function changeItem(c: PlannedChange, withAction: boolean): string {
  const address =
    c.deposed === undefined ? c.address : `${c.address} (deposed object ${c.deposed})`;
  return item(
    address,
    withAction ? actionInWords(c, literal) : undefined,
    reasonText(c.actionReason, c.replaceArguments),
  );
}

function groupsFor(plan: PlanModel): Group[] {
  const managed = plan.changes.filter((c) => c.mode === "managed");
  const ofKind = (...kinds: PlannedChange["kind"][]) =>
    managed.filter((c) => kinds.includes(c.kind));
  const groups: Group[] = [
    { heading: "Delete", items: ofKind("delete").map((c) => changeItem(c, false)) },
    { heading: "Replace", items: ofKind("replace").map((c) => changeItem(c, true)) },
    {
      heading: "Forget (removed from state, not destroyed)",
      items: ofKind("forget", "create-then-forget").map((c) => changeItem(c, c.kind !== "forget")),
    },
    {
      heading: "Unrecognised actions (read the plan)",
      items: ofKind("unrecognised").map((c) => changeItem(c, true)),
    },
    { heading: "Create", items: ofKind("create").map((c) => changeItem(c, false)) },
    { heading: "Update in place", items: ofKind("update").map((c) => changeItem(c, false)) },
    {
      heading: "Import",
      items: managed
        .filter((c) => c.importing)
        .map((c) =>
          item(c.address, c.kind === "no-op" ? undefined : `then ${actionInWords(c, literal)}`),
        ),
    },
    {
      heading: "Move",
      items: managed
        .filter((c) => c.previousAddress !== undefined)
        .map((c) => `- ${literal(c.previousAddress ?? "")} → ${literal(c.address)}`),
    },
    {
      heading: "Read (data sources)",
      items: plan.changes
        .filter((c) => c.mode !== "managed" && c.kind === "read")
        .map((c) => changeItem(c, false)),
    },
    {
      heading: "Deferred to a later plan",
      items: plan.deferred.map((d) => item(d.address, d.reason && `reason ${literal(d.reason)}`)),
    },
    {
      heading: "Output changes",
      items: plan.outputs
        .filter((o) => o.kind !== "no-op")
        .map((o) => item(o.name, actionInWords(o, literal))),
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}

function renderGroup(group: Group, cap: number): string {
  const shown = group.items.slice(0, cap);
  const hidden = group.items.length - shown.length;
  const more = hidden > 0 ? [`- … and ${hidden.toLocaleString("en-US")} more`] : [];
  return [`**${group.heading}** (${group.items.length})`, "", ...shown, ...more].join("\n");
}

function freeTextBlock(summary: string, text: FreeText, collapsed: boolean): string {
  if ("withheld" in text) return `_${summary} ${text.withheld}._`;
  const block = fencedBlock(text.text, "text");
  return collapsed
    ? `<details><summary>${summary}</summary>\n\n${block}\n\n</details>`
    : `${summary}:\n\n${block}`;
}

/** Terraform's own line, or its "No changes." when there is nothing to do. */
function planLine(counts: ChangeCounts): string {
  return hasChanges(counts) ? terraformPlanLine(counts) : "No changes.";
}

function envName(env: EnvSummary): string {
  return clip(env.name, MAX_ENV_NAME);
}

function envSection(
  env: EnvSummary,
  groups: readonly Group[],
  shape: Shape,
  planText: FreeText | undefined,
): string {
  const headline = [
    literal(envName(env), "html"),
    STATUS_LABEL[env.status],
    env.counts && env.failure === undefined ? planLine(env.counts) : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  const version = env.plan
    ? `<sub>${env.plan.terraformVersion ? `Terraform ${literal(env.plan.terraformVersion)} · ` : ""}plan format ${literal(env.plan.formatVersion)}</sub>`
    : undefined;
  const body = [
    version,
    env.failure === undefined ? undefined : `**Failed:** ${literal(env.failure)}`,
    env.errorOutput && shape.errorOutput
      ? freeTextBlock("Error output", env.errorOutput, false)
      : undefined,
    ...groups.map((g) => renderGroup(g, shape.listCap)),
    env.plan && env.failure === undefined && groups.length === 0
      ? "_No resource or output changes._"
      : undefined,
    planText && shape.planText ? freeTextBlock("Plain-text plan", planText, true) : undefined,
  ].filter((part): part is string => part !== undefined);
  return [
    "<details>",
    `<summary>${headline}</summary>`,
    "",
    ...body.flatMap((b) => [b, ""]),
    "</details>",
  ].join("\n");
}

function banner(envs: readonly EnvSummary[]): string | undefined {
  const flagged = envs.filter((e) => e.warnings.length > 0);
  if (flagged.length === 0) return undefined;
  return [
    "> [!WARNING]",
    "> **Review before merging:** these environments delete, replace or forget resources, or did not plan cleanly.",
    ...flagged.map((e) => `> - ${literal(envName(e))}: ${e.warnings.join("; ")}`),
  ].join("\n");
}

function tableRow(env: EnvSummary): string {
  const status =
    env.failure === undefined
      ? STATUS_LABEL[env.status]
      : `${STATUS_LABEL[env.status]}: ${literal(env.failure, "table")}`;
  const counts = COUNT_COLUMNS.map(([, key]) =>
    env.counts && env.status !== "failed" ? String(env.counts[key]) : "—",
  );
  return `| ${literal(envName(env), "table")} | ${status} | ${counts.join(" | ")} |`;
}

function table(envs: readonly EnvSummary[]): string {
  const headings = ["Environment", "Status", ...COUNT_COLUMNS.map(([h]) => h)];
  const align = ["---", "---", ...COUNT_COLUMNS.map(() => "---:")];
  return [`| ${headings.join(" | ")} |`, `| ${align.join(" | ")} |`, ...envs.map(tableRow)].join(
    "\n",
  );
}

function cutNote(
  envs: readonly EnvSummary[],
  groups: readonly Group[][],
  shape: Shape,
): string | undefined {
  const cuts: string[] = [];
  const texts = envs.filter((e) => e.planText !== undefined).length;
  if (!shape.planText && texts > 0) {
    cuts.push(`plain-text plans left out (${plural(texts, "environment")})`);
  }
  const hidden = groups.flat().reduce((n, g) => n + Math.max(0, g.items.length - shape.listCap), 0);
  if (shape.details && hidden > 0) {
    cuts.push(
      `lists cut to their first ${plural(shape.listCap, "entry", "entries")} (${plural(hidden, "entry", "entries")} not shown)`,
    );
  }
  if (shape.details && !shape.errorOutput && envs.some((e) => e.errorOutput)) {
    cuts.push("error output left out (its first line is in the table)");
  }
  if (!shape.details) cuts.push("per-environment details left out");
  if (cuts.length === 0) return undefined;
  return `> ✂️ **Shortened to fit GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit:** ${cuts.join("; ")}. The workflow run has the full plans.`;
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Accepts a short one-line HTML comment of plain characters, the only thing that stays hidden and
 * is easy to find. No `--` inside and no `>`: HTML also ends a comment at `--!>` and at a `>`
 * right after `<!--` or `<!---`, which would show the rest of the marker.
 */
export function isValidMarker(marker: string): boolean {
  return (
    marker.length <= MAX_MARKER &&
    /^<!--(?=[^-])[ A-Za-z0-9._:/#=@+,-]*[A-Za-z0-9][ A-Za-z0-9._:/#=@+,-]*-->$/.test(marker) &&
    !marker.slice(4, -3).includes("--") &&
    !marker.slice(4, -3).endsWith("-")
  );
}

function assemble(
  envs: readonly EnvSummary[],
  groups: readonly Group[][],
  shape: Shape,
  title: string,
  marker: string,
  planTexts: readonly (FreeText | undefined)[],
): string {
  const parts = [
    marker,
    `## ${escapeHtml(title)}`,
    banner(envs),
    table(envs),
    cutNote(envs, groups, shape),
    ...(shape.details
      ? envs.map((e, i) => envSection(e, groups[i] ?? [], shape, planTexts[i]))
      : []),
  ];
  return `${parts.filter((p): p is string => p !== undefined).join("\n\n")}\n`;
}

/** Largest list cap whose rendering fits, or undefined when even a cap of 0 does not. */
function largestFittingCap(
  render: (cap: number) => string,
  longest: number,
  budget: number,
): number | undefined {
  if (render(0).length > budget) return undefined;
  let low = 0;
  let high = longest;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(mid).length <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Every environment's plain-text plan, quoted, or undefined when they cannot all fit in `room`
 * characters. Only texts that may fit are searched for secrets: their length before redaction
 * must fit (redaction rarely shortens text much, and a text it would shorten into the room is
 * left out rather than searched at any size).
 */
function quotedPlanTexts(
  envs: readonly EnvSummary[],
  room: number,
): (FreeText | undefined)[] | undefined {
  const pending = envs.flatMap((e) => (e.planText ? [e.planText] : []));
  if (pending.length === 0 || pending.reduce((n, p) => n + p.text.length, 0) > room) {
    return undefined;
  }
  const quoted = quotePending(pending, room);
  if (quoted.some((q) => q === undefined)) return undefined;
  return envs.map((e) => (e.planText ? quoted[pending.indexOf(e.planText)] : undefined));
}

export function renderComment(envs: readonly EnvSummary[], options: RenderOptions = {}): string {
  if (envs.length === 0 || envs.length > MAX_ENVIRONMENTS) {
    throw new RangeError(
      `a comment covers 1 to ${MAX_ENVIRONMENTS} environments, not ${envs.length}`,
    );
  }
  const marker = options.marker ?? DEFAULT_MARKER;
  if (!isValidMarker(marker))
    throw new RangeError(`marker ${JSON.stringify(marker)} is not a one-line HTML comment`);
  const title = clip(singleLine(options.title ?? DEFAULT_TITLE), MAX_TITLE);
  const budget = options.budget ?? GITHUB_COMMENT_LIMIT - SAFETY_MARGIN;
  const groups = envs.map((e) => (e.plan ? groupsFor(e.plan) : []));
  const render = (shape: Shape, planTexts: readonly (FreeText | undefined)[] = []) =>
    assemble(envs, groups, shape, title, marker, planTexts);
  const fits = (text: string) => text.length <= budget;

  const noText: Shape = { ...FULL, planText: false };
  const withoutText = render(noText);
  const planTexts = quotedPlanTexts(envs, budget - withoutText.length);
  if (planTexts !== undefined) {
    const full = render(FULL, planTexts);
    if (fits(full)) return full;
  }
  if (fits(withoutText)) return withoutText;
  const longest = Math.max(0, ...groups.flat().map((g) => g.items.length));
  const cap = largestFittingCap((listCap) => render({ ...noText, listCap }), longest, budget);
  if (cap !== undefined) return render({ ...noText, listCap: cap });
  const noErrors: Shape = { ...noText, listCap: 0, errorOutput: false };
  const withoutErrors = render(noErrors);
  if (fits(withoutErrors)) return withoutErrors;
  const tableOnly = render({ ...noErrors, details: false });
  if (fits(tableOnly)) return tableOnly;
  throw new RangeError(
    `the table and banner alone take ${tableOnly.length} characters, over the budget of ${budget}`,
  );
}
