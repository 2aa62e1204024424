/**
 * Prints the slowest test files after a run, so the suite's time stays visible where it is spent
 * (most of it is real `terraform init/plan` work, a few seconds per root). Informational only:
 * performance is measured, never asserted.
 */
const path = require("node:path");

const SHOWN = 10;

class SlowestSuitesReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const timed = results.testResults
      .filter((r) => r.perfStats && r.perfStats.end > r.perfStats.start)
      .map((r) => ({
        file: path.relative(this.rootDir, r.testFilePath),
        seconds: (r.perfStats.end - r.perfStats.start) / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
    if (timed.length === 0) return;
    const total = timed.reduce((sum, t) => sum + t.seconds, 0);
    const lines = timed
      .slice(0, SHOWN)
      .map((t) => `  ${t.seconds.toFixed(1).padStart(6)} s  ${t.file}`);
    process.stderr.write(
      `\nSlowest test files (of ${timed.length}, ${total.toFixed(0)} s in all across workers):\n${lines.join("\n")}\n`,
    );
  }
}

module.exports = SlowestSuitesReporter;
