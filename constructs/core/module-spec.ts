import type { ProviderAlias } from "./provider-aliases";
import { TfType, TsOf } from "./tf-types";

/** A module call that a validation rule must refuse. */
export interface Rejected {
  /** The variable's bad value. */
  readonly value: unknown;
  /**
   * Other inputs set with it, for rules that check one input against another.
   * Default: the spec's example supplies them.
   */
  readonly alongside?: Readonly<Record<string, unknown>>;
}

/** A Terraform `validation` block: `condition` is a Terraform expression over `var.<name>`. */
export interface VariableValidation {
  readonly condition: string;
  readonly errorMessage: string;
  /**
   * A call the rule must refuse. A real-Terraform test plans every one, each on top of the
   * spec's example, and expects this rule's `errorMessage` for it; the helpers in
   * `validations.ts` bring their own.
   */
  readonly rejects: Rejected;
}

interface InputBase<T> {
  readonly type: TfType<T>;
  /** Written into the variable and the module README; say what it is and what happens by default. */
  readonly description: string;
  readonly validation?: readonly VariableValidation[];
  readonly sensitive?: boolean;
}

/** A variable the caller must set. */
export interface RequiredInput<T> extends InputBase<T> {
  readonly required: true;
}

/** A variable with a default; `null` is a valid default for optional features. */
export interface OptionalInput<T> extends InputBase<T> {
  readonly required: false;
  readonly default: T | null;
}

export type InputSpec<T = unknown> = RequiredInput<T> | OptionalInput<T>;

export interface OutputSpec<T = unknown> {
  readonly type: TfType<T>;
  readonly description: string;
  readonly sensitive?: boolean;
}

export type InputSpecs = Record<string, InputSpec<any>>;
export type OutputSpecs = Record<string, OutputSpec<any>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What a caller passes to a module: required inputs must be set, optional ones may be. */
export type InputValues<I extends InputSpecs> = Simplify<
  { [K in keyof I as I[K] extends RequiredInput<any> ? K : never]: TsOf<I[K]["type"]> } & {
    [K in keyof I as I[K] extends RequiredInput<any> ? never : K]?: TsOf<I[K]["type"]> | null;
  }
>;

export interface ModuleSpec<I extends InputSpecs, O extends OutputSpecs> {
  /** Directory name under `terraform-modules/` and the default module call name. */
  readonly name: string;
  /** First paragraph of the module README. */
  readonly description: string;
  /** Extra README sections (design notes, security choices, caveats), Markdown. */
  readonly notes?: string;
  readonly inputs: I;
  readonly outputs: O;
  /** A complete, realistic call used in the README and planned in the tests. */
  readonly example: InputValues<I>;
  /**
   * Aliased AWS provider configurations the module needs from its caller (written as
   * `configuration_aliases`), e.g. `us_east_1` for CloudFront certificates. Default: none.
   */
  readonly providerAliases?: readonly ProviderAlias[];
  /**
   * For modules that run wholly in the Region their caller picks (see `ModuleCallProps`'
   * `defaultProviderAlias`): the root alias the README example passes as the module's default
   * `aws` configuration, and that its offline plan uses. Default: the caller's default one.
   */
  readonly exampleDefaultProviderAlias?: ProviderAlias;
}

export function required<T>(
  type: TfType<T>,
  description: string,
  extra: Pick<InputBase<T>, "validation" | "sensitive"> = {},
): RequiredInput<T> {
  return { type, description, required: true, ...extra };
}

export function optional<T>(
  type: TfType<T>,
  defaultValue: T | null,
  description: string,
  extra: Pick<InputBase<T>, "validation" | "sensitive"> = {},
): OptionalInput<T> {
  return { type, description, required: false, default: defaultValue, ...extra };
}

export function output<T>(type: TfType<T>, description: string, sensitive = false): OutputSpec<T> {
  return sensitive ? { type, description, sensitive } : { type, description };
}

/** Identity helper that keeps the literal key types of a module spec. */
export function defineModule<I extends InputSpecs, O extends OutputSpecs>(
  spec: ModuleSpec<I, O>,
): ModuleSpec<I, O> {
  return spec;
}
