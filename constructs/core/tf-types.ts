/**
 * Terraform type constraints that also carry their TypeScript type, so one definition gives a
 * module's `variable "x" { type = … }`, the typed inputs of its wrapper, and its README table.
 */
export interface TfType<T> {
  /** The Terraform type expression, e.g. `map(object({ public = string }))`. */
  readonly expr: string;
  /** Phantom field: only the type checker reads it. */
  readonly __ts?: T;
}

/** An object attribute declared with `optional(type[, default])`. */
export interface OptionalAttr<T> {
  readonly optional: TfType<T>;
  readonly default?: T;
}

type Attr = TfType<unknown> | OptionalAttr<unknown>;
type AttrShape = Record<string, Attr>;

export type TsOf<X> = X extends TfType<infer U> ? U : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectTs<S extends AttrShape> = Simplify<
  { [K in keyof S as S[K] extends OptionalAttr<unknown> ? never : K]: TsOf<S[K]> } & {
    [K in keyof S as S[K] extends OptionalAttr<unknown> ? K : never]?: S[K] extends OptionalAttr<
      infer U
    >
      ? U | null
      : never;
  }
>;

const primitive = <T>(expr: string): TfType<T> => ({ expr });

function attrExpr(attr: Attr): string {
  if ("optional" in attr) {
    return attr.default === undefined
      ? `optional(${attr.optional.expr})`
      : `optional(${attr.optional.expr}, ${JSON.stringify(attr.default)})`;
  }
  return attr.expr;
}

export const tf = {
  string: primitive<string>("string"),
  number: primitive<number>("number"),
  bool: primitive<boolean>("bool"),
  list: <T>(of: TfType<T>): TfType<T[]> => ({ expr: `list(${of.expr})` }),
  set: <T>(of: TfType<T>): TfType<T[]> => ({ expr: `set(${of.expr})` }),
  map: <T>(of: TfType<T>): TfType<Record<string, T>> => ({ expr: `map(${of.expr})` }),
  object: <S extends AttrShape>(shape: S): TfType<ObjectTs<S>> => ({
    expr: `object({ ${Object.entries(shape)
      .map(([name, attr]) => `${name} = ${attrExpr(attr)}`)
      .join(", ")} })`,
  }),
  /** An object attribute that callers may leave out; `default` fills it in Terraform. */
  optional: <T>(type: TfType<T>, defaultValue?: T): OptionalAttr<T> =>
    defaultValue === undefined ? { optional: type } : { optional: type, default: defaultValue },
  /** Any JSON-shaped value (IAM statements, container environment); keep rare. */
  any: primitive<unknown>("any"),
} as const;
