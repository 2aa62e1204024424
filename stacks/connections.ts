import { deferred } from "./deferred";

/** Anything with a security group that traffic may be allowed to or from. */
export interface Connectable {
  readonly connections: Connections;
}

/** One allowed flow, as seen from one side. */
export interface Flow {
  /** The other side. */
  readonly peer: Connections;
  readonly port: number;
}

/** An egress rule as the modules take it (`egress_security_group_rules`). */
export interface EgressRuleInput {
  readonly security_group_id: string;
  readonly port: number;
  readonly description: string;
}

/**
 * A module call's security group and the flows allowed to and from it, modelled on AWS CDK's
 * `ec2.Connections`: `target.connections.allowFrom(source, port)` records the ingress on the
 * target and the matching egress on the source in one call. The modules write the rules from
 * inputs that read these flows at synth time (`deferred`), so calls may be made in any order
 * and neither side of a pair can fall out of step with the other.
 */
export class Connections implements Connectable {
  readonly connections = this;
  private groupId?: string;
  private port?: number;
  private readonly ingress = new Map<string, Flow>();
  private readonly egress = new Map<string, Flow>();

  constructor(
    /** Names this side in the other side's rules (`eshop`, `database_main`, `vpc_link`). */
    readonly key: string,
    /** Human words for rule descriptions: `database main`. */
    readonly label: string,
  ) {
    recording?.push(this);
  }

  /**
   * Sets the security group once the module call that owns it exists, and the port peers
   * reach it on when `allowFrom` names none (default: none, every caller must name one).
   */
  bind(securityGroupId: string, defaultPort?: number): this {
    this.groupId = securityGroupId;
    this.port = defaultPort;
    return this;
  }

  get defaultPort(): number | undefined {
    return this.port;
  }

  get securityGroupId(): string {
    if (this.groupId === undefined)
      throw new Error(`connections ${this.key}: no security group bound (call bind())`);
    return this.groupId;
  }

  /** Lets `source` reach this on `port` (default: this side's default port). */
  allowFrom(source: Connectable, port = this.defaultPort): void {
    const other = source.connections;
    if (port === undefined)
      throw new Error(`connections ${other.key} → ${this.key}: no port and no default port`);
    if (other === this) throw new Error(`connections ${this.key}: a group cannot allow itself`);
    this.ingress.set(other.key, { peer: other, port });
    other.egress.set(this.key, { peer: this, port });
  }

  /** Lets this reach `target` on `port` (default: the target's default port). */
  allowTo(target: Connectable, port?: number): void {
    target.connections.allowFrom(this, port);
  }

  /** Every flow into this group, in the order they were allowed. */
  get ingressFlows(): readonly Flow[] {
    return [...this.ingress.values()];
  }

  /** Every flow out of this group, in the order they were allowed. */
  get egressFlows(): readonly Flow[] {
    return [...this.egress.values()];
  }

  /** Ingress sources for modules that admit security groups on a port of their own: key → group. */
  ingressGroupIds(): Record<string, string> {
    return deferred.value(() =>
      Object.fromEntries(this.ingressFlows.map((f) => [f.peer.key, f.peer.securityGroupId])),
    );
  }

  /** The single ingress source of a module that admits exactly one group (a service's ALB). */
  singleIngressGroupId(): string {
    return deferred.string(() => {
      const [only, ...more] = this.ingressFlows;
      if (!only || more.length > 0)
        throw new Error(
          `connections ${this.key}: the module admits exactly one source, got ${this.ingressFlows.length}`,
        );
      return only.peer.securityGroupId;
    });
  }

  /** The group of `peer`, which must be allowed in: for a module that admits it by an input of its own (a service's ALB). */
  ingressGroupIdOf(peer: Connectable): string {
    return deferred.string(() => {
      const flow = this.ingress.get(peer.connections.key);
      if (!flow)
        throw new Error(`connections ${this.key}: ${peer.connections.key} is not allowed in`);
      return flow.peer.securityGroupId;
    });
  }

  /**
   * Ingress rules for modules that admit groups on their one port, key → group and description,
   * leaving out `except` (a source the module admits by an input of its own).
   */
  ingressRules(
    except?: Connectable,
  ): Record<string, { readonly security_group_id: string; readonly description: string }> {
    return deferred.value(() =>
      Object.fromEntries(
        this.ingressFlows
          .filter((f) => f.peer !== except?.connections)
          .map((f) => [
            f.peer.key,
            { security_group_id: f.peer.securityGroupId, description: `from ${f.peer.label}` },
          ]),
      ),
    );
  }

  /** The single egress destination of a module that reaches exactly one group (the VPC link). */
  singleEgress(): { readonly securityGroupId: string; readonly port: number } {
    const only = () => {
      const [flow, ...more] = this.egressFlows;
      if (!flow || more.length > 0)
        throw new Error(
          `connections ${this.key}: the module reaches exactly one destination, got ${this.egressFlows.length}`,
        );
      return flow;
    };
    return {
      securityGroupId: deferred.string(() => only().peer.securityGroupId),
      port: deferred.number(() => only().port),
    };
  }

  /** Egress destinations for modules that take a group per key: key → group. */
  egressGroupIds(): Record<string, string> {
    return deferred.value(() =>
      Object.fromEntries(this.egressFlows.map((f) => [f.peer.key, f.peer.securityGroupId])),
    );
  }

  /** Egress rules for modules that take group, port and description per key. */
  egressRules(): Record<string, EgressRuleInput> {
    return deferred.value(() =>
      Object.fromEntries(
        this.egressFlows.map((f) => [
          f.peer.key,
          {
            security_group_id: f.peer.securityGroupId,
            port: f.port,
            description: `to ${f.peer.label}`,
          },
        ]),
      ),
    );
  }
}

/** Where `new Connections` records itself while a registry is recording; none otherwise. */
let recording: Connections[] | undefined;

/**
 * Every `Connections` created while an environment is built, so what describes the
 * environment (its generated docs) reads exactly the flows its security-group rules are
 * written from. Recording is by construction, so a part that adds connections needs no
 * registration step of its own.
 */
export class ConnectionsRegistry {
  private readonly members: Connections[] = [];

  /** Runs `build`, recording every `Connections` created during it. */
  record<T>(build: () => T): T {
    const outer = recording;
    recording = this.members;
    try {
      return build();
    } finally {
      recording = outer;
    }
  }

  /** The recorded connections, in the order they were created. */
  get all(): readonly Connections[] {
    return [...this.members];
  }
}
