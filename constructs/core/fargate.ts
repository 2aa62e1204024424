import { VariableValidation } from "./module-spec";

/** `from` to `to` inclusive, every `step` MiB. */
function span(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

/**
 * The task sizes Fargate accepts: CPU units → the memory values (MiB) allowed with them.
 * Source: "Task CPU and memory" in the Amazon ECS developer guide (8 and 16 vCPU need
 * platform version 1.4.0 or later, which LATEST is).
 */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: span(1024, 4096, 1024),
  1024: span(2048, 8192, 1024),
  2048: span(4096, 16384, 1024),
  4096: span(8192, 30720, 1024),
  8192: span(16384, 61440, 4096),
  16384: span(32768, 122880, 8192),
};

export const FARGATE_CPU_VALUES: readonly number[] = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** True when Fargate accepts this cpu/memory pair. */
export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY_BY_CPU[cpu]?.includes(memory) ?? false;
}

/** The table in one line: `256: 512, 1024, 2048; 512: 1024–4096 step 1024; …`. */
export function describeFargateTable(): string {
  return FARGATE_CPU_VALUES.map((cpu) => {
    const mem = FARGATE_MEMORY_BY_CPU[cpu]!;
    if (mem.length <= 3) return `${cpu}: ${mem.join(", ")}`;
    return `${cpu}: ${mem[0]}–${mem[mem.length - 1]} step ${mem[1]! - mem[0]!}`;
  }).join("; ");
}

/**
 * Terraform validations for a pair of cpu/memory variables. The memory rule reads the cpu
 * variable (cross-variable validation, Terraform 1.9), and because error messages are static
 * it lists the whole table.
 */
export function fargateSizeValidations(cpuVar: string, memoryVar: string) {
  const table = `{ ${FARGATE_CPU_VALUES.map(
    (cpu) => `"${cpu}" = [${FARGATE_MEMORY_BY_CPU[cpu]!.join(", ")}]`,
  ).join(", ")} }`;
  const cpu: VariableValidation = {
    condition: `contains(${JSON.stringify(FARGATE_CPU_VALUES)}, var.${cpuVar})`,
    errorMessage: `${cpuVar} must be a Fargate CPU value: ${FARGATE_CPU_VALUES.join(", ")}.`,
    rejects: { value: 300 },
  };
  const memory: VariableValidation = {
    condition: `contains(lookup(${table}, tostring(var.${cpuVar}), []), var.${memoryVar})`,
    errorMessage: `${memoryVar} (MiB) must be valid on Fargate for the chosen ${cpuVar}; allowed per cpu: ${describeFargateTable()}.`,
    // 256 CPU units allow at most 2 GiB.
    rejects: { value: 4096, alongside: { [cpuVar]: 256 } },
  };
  return { cpu, memory };
}
