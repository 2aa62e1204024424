import { ConfigError, ConfigValidationError } from "../../config/errors";
import { resolvePlatform } from "../../config/resolve";

/** The errors a config is rejected with; fails the test when it is accepted. */
export function errorsOf(config: unknown, only?: string[]): ConfigError[] {
  try {
    resolvePlatform(config, only);
  } catch (e) {
    if (e instanceof ConfigValidationError) return [...e.errors];
    throw e;
  }
  throw new Error("expected the config to be rejected");
}

/** Asserts one of the errors names this environment, path and value, with a matching message. */
export function expectError(
  errors: readonly ConfigError[],
  environment: string,
  path: string,
  value: unknown,
  message: RegExp,
): void {
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        environment,
        path,
        value,
        message: expect.stringMatching(message),
      }),
    ]),
  );
}
