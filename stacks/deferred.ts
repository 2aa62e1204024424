import { Lazy } from "cdktf";

/**
 * The one way a part reads what other parts add later: the value is produced at synth time,
 * when every part exists, so the order in which parts and their connections are created
 * does not matter. Terraform sees plain references (no cycle: rules depend on groups).
 */
export const deferred = {
  /** An object or a list of objects (module inputs of map and object types). */
  value<T extends object>(produce: () => T): T {
    return Lazy.anyValue({ produce }) as unknown as T;
  },
  list(produce: () => string[]): string[] {
    return Lazy.listValue({ produce });
  },
  string(produce: () => string): string {
    return Lazy.stringValue({ produce });
  },
  number(produce: () => number): number {
    return Lazy.numberValue({ produce });
  },
};

/**
 * A part that is built after a part that reads it (services read the alarms that the
 * operations part derives from those services): read only inside a `deferred` producer.
 */
export class Slot<T> {
  private value?: T;

  constructor(private readonly what: string) {}

  fill(value: T): T {
    this.value = value;
    return value;
  }

  get(): T {
    if (this.value === undefined) throw new Error(`${this.what} was read before it was built`);
    return this.value;
  }
}
