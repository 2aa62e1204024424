/**
 * The services of the alb spec's example, in a file of their own so that the rules of every
 * alb input file can name a bad `services` value without importing the spec (an import cycle).
 */
export const EXAMPLE_SERVICES = {
  eshop: { port: 8080, priority: 100, path_patterns: ["/eshop", "/eshop/*"] },
  pharmacy: {
    port: 8080,
    priority: 200,
    path_patterns: ["/pharmacy", "/pharmacy/*"],
    health_check: { path: "/pharmacy/health" },
  },
  doctor: {
    port: 8080,
    priority: 300,
    path_patterns: ["/doctor", "/doctor/*"],
    deregistration_delay: 60,
    slow_start: 60,
  },
};

/** The example's services with some of eshop's fields changed: a bad value for a rule on them. */
export const eshopWith = (fields: Readonly<Record<string, unknown>>) => ({
  ...EXAMPLE_SERVICES,
  eshop: { ...EXAMPLE_SERVICES.eshop, ...fields },
});
