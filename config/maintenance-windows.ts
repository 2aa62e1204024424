/**
 * RDS's two windows in minutes of the week: the daily backup window (`hh24:mi-hh24:mi`, UTC)
 * and the weekly maintenance window (`ddd:hh24:mi-ddd:hh24:mi`, UTC). AWS wants each to last
 * at least 30 minutes and the two never to overlap.
 */
export const MIN_WINDOW_MINUTES = 30;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const HH_MM = "([01][0-9]|2[0-3]):([0-5][0-9])";
const DAY = `(${DAYS.join("|")})`;
export const BACKUP_WINDOW = new RegExp(`^${HH_MM}-${HH_MM}$`);
export const MAINTENANCE_WINDOW = new RegExp(`^${DAY}:${HH_MM}-${DAY}:${HH_MM}$`);

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** A span of minutes from `start` (inclusive) to `end` (exclusive); `end` may pass the wrap point. */
interface Span {
  readonly start: number;
  readonly end: number;
}

const minutes = (h: string, m: string) => Number(h) * 60 + Number(m);
const length = (start: number, end: number, wrap: number) => (end - start + wrap) % wrap;

/** The backup window as a span of one day, or undefined when it does not parse. */
export function backupWindow(text: string): Span | undefined {
  const m = BACKUP_WINDOW.exec(text);
  if (!m) return undefined;
  const start = minutes(m[1]!, m[2]!);
  return { start, end: start + length(start, minutes(m[3]!, m[4]!), DAY_MINUTES) };
}

/** The maintenance window as a span of the week from Monday 00:00, or undefined. */
export function maintenanceWindow(text: string): Span | undefined {
  const m = MAINTENANCE_WINDOW.exec(text);
  if (!m) return undefined;
  const at = (day: string, h: string, mi: string) =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * DAY_MINUTES + minutes(h, mi);
  const start = at(m[1]!, m[2]!, m[3]!);
  return { start, end: start + length(start, at(m[4]!, m[5]!, m[6]!), WEEK_MINUTES) };
}

export const spanMinutes = (span: Span) => span.end - span.start;

/** Whether the daily backup window, repeated on every day of the week, meets the maintenance window. */
export function windowsOverlap(backup: Span, maintenance: Span): boolean {
  // Both repeat (daily, weekly): compare every day's backup span with the maintenance span and
  // its copy one week later, which covers a maintenance window that wraps past Sunday.
  for (let day = 0; day <= 7; day++) {
    const b = { start: backup.start + day * DAY_MINUTES, end: backup.end + day * DAY_MINUTES };
    for (const shift of [0, WEEK_MINUTES]) {
      const m = { start: maintenance.start + shift, end: maintenance.end + shift };
      if (b.start < m.end && m.start < b.end) return true;
    }
  }
  return false;
}
