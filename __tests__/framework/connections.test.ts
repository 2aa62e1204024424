import { TerraformOutput, Testing } from "cdktf";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { Connections } from "../../stacks/connections";
import { Slot, deferred } from "../../stacks/deferred";
import { ServiceGrants } from "../../stacks/grants";

/** Resolves deferred values the way synth does: through a stack output. */
function resolve(value: unknown): unknown {
  const app = Testing.app();
  const stack = new ReadableStack(app, "t");
  new TerraformOutput(stack, "v", { value });
  return JSON.parse(Testing.synth(stack)).output.v.value;
}

describe("Connections", () => {
  it("allowFrom records the ingress on the target and the egress on the source", () => {
    const db = new Connections("database_main", "database main").bind("sg-db", 5432);
    const service = new Connections("eshop", "service eshop").bind("sg-eshop", 8080);
    db.allowFrom(service);
    expect(db.ingressFlows).toEqual([{ peer: service, port: 5432 }]);
    expect(service.egressFlows).toEqual([{ peer: db, port: 5432 }]);
    expect(db.egressFlows).toEqual([]);
    expect(service.ingressFlows).toEqual([]);
  });

  it("module inputs read the flows at synth time, so the order of calls does not matter", () => {
    const db = new Connections("database_main", "database main");
    const service = new Connections("eshop", "service eshop");
    // Inputs are taken before either group exists and before the flow is allowed.
    const dbIngress = db.ingressGroupIds();
    const serviceEgress = service.egressRules();
    db.allowFrom(service, 5432);
    db.bind("sg-db");
    service.bind("sg-eshop");
    expect(resolve(dbIngress)).toEqual({ eshop: "sg-eshop" });
    expect(resolve(serviceEgress)).toEqual({
      database_main: { security_group_id: "sg-db", port: 5432, description: "to database main" },
    });
  });

  it("allowTo is allowFrom seen from the other side", () => {
    const alb = new Connections("alb", "load balancer").bind("sg-alb", 443);
    const service = new Connections("eshop", "service eshop").bind("sg-eshop", 8080);
    alb.allowTo(service);
    expect(service.ingressFlows).toEqual([{ peer: alb, port: 8080 }]);
    expect(alb.egressFlows).toEqual([{ peer: service, port: 8080 }]);
    expect(resolve(service.singleIngressGroupId())).toBe("sg-alb");
    expect(resolve(alb.egressGroupIds())).toEqual({ eshop: "sg-eshop" });
  });

  it("refuses flows without a port, to itself, and single-peer inputs with several peers", () => {
    const a = new Connections("a", "a");
    const b = new Connections("b", "b").bind("sg-b");
    expect(() => a.allowFrom(b)).toThrow(/no port and no default port/);
    expect(() => a.allowFrom(a, 1)).toThrow(/cannot allow itself/);
    const c = new Connections("c", "c").bind("sg-c");
    a.bind("sg-a");
    a.allowFrom(b, 80);
    a.allowFrom(c, 80);
    expect(() => resolve(a.singleIngressGroupId())).toThrow(/exactly one source, got 2/);
    expect(() => resolve(new Connections("d", "d").singleEgress().securityGroupId)).toThrow(
      /exactly one destination, got 0/,
    );
  });

  it("an unbound group fails at synth, naming it", () => {
    const a = new Connections("a", "a").bind("sg-a");
    const b = new Connections("lonely", "lonely");
    a.allowFrom(b, 80);
    expect(() => resolve(a.ingressGroupIds())).toThrow(
      /connections lonely: no security group bound/,
    );
  });
});

describe("ServiceGrants", () => {
  it("merges the service's own settings with what stores grant, read at synth time", () => {
    const grants = new ServiceGrants("eshop", new Connections("eshop", "service eshop"), {
      environment: { MODE: "shop" },
      secrets: { API_KEY: "arn:aws:secretsmanager:eu-north-1:111111111111:secret:k" },
    });
    const inputs = grants.inputs();
    grants.addEnvironment({ DB_HOST: "db.internal" });
    grants.addSecret("DB_PASSWORD", "arn:db:password::", "arn:key");
    grants.addSecret("DB_USERNAME", "arn:db:username::", "arn:key");
    grants.addTaskStatement({
      sid: "RdsConnectMain",
      actions: ["rds-db:connect"],
      resources: ["r"],
    });
    expect(resolve(inputs.environment)).toEqual({ MODE: "shop", DB_HOST: "db.internal" });
    expect(resolve(inputs.secrets)).toEqual({
      API_KEY: "arn:aws:secretsmanager:eu-north-1:111111111111:secret:k",
      DB_PASSWORD: "arn:db:password::",
      DB_USERNAME: "arn:db:username::",
    });
    expect(resolve(inputs.secrets_kms_key_arns)).toEqual(["arn:key"]);
    expect(resolve(inputs.task_role_statements)).toEqual([
      { sid: "RdsConnectMain", actions: ["rds-db:connect"], resources: ["r"] },
    ]);
  });
});

describe("Slot", () => {
  it("fails clearly when read before it is filled", () => {
    const slot = new Slot<{ x: string[] }>("the operations part");
    const read = deferred.list(() => slot.get().x);
    expect(() => resolve(read)).toThrow(/the operations part was read before it was built/);
    slot.fill({ x: ["a"] });
    expect(resolve(read)).toEqual(["a"]);
  });
});
