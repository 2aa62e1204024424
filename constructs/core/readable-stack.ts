import {
  TerraformElement,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
} from "cdktf";
import { Construct, IConstruct, Node } from "constructs";

/**
 * A stack whose Terraform names come from construct ids, never cdktf's hash-suffixed ids:
 * addresses are part of the interface (ops read them in plans, and a changed address is a
 * destroy-and-recreate), so they must be readable and must not move when the tree around
 * them changes.
 *
 * - Resources, data sources and module calls: the ids below the stack joined with `_`
 *   (`aws_subnet.public`, `module.vpc`, `aws_vpc_security_group_ingress_rule.alb_from_link`).
 * - Variables, outputs and locals: their own id, so they can live in a grouping construct
 *   (a variable and an output may share a name, sibling constructs may not).
 * - Constructs only there to group (variables, outputs, one per resource type so that
 *   `aws_subnet.public` and `aws_route_table.public` can coexist) are skipped: see `scopeFor`.
 * Ids must be lower snake_case; two elements that would share a Terraform address fail synth.
 */
export class ReadableStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();
  private readonly typeScopes = new Map<string, Construct>();

  /**
   * A scope for resources of one type, invisible in addresses: sibling construct ids must be
   * unique, Terraform names only per type. `new Subnet(this.scopeFor(Subnet), "public", …)`.
   */
  scopeFor(resource: { readonly tfResourceType: string }): Construct {
    const type = resource.tfResourceType;
    let scope = this.typeScopes.get(type);
    if (!scope) {
      scope = new TransparentScope(this, type);
      this.typeScopes.set(type, scope);
    }
    return scope;
  }

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const [kind, name] = this.addressOf(node.scopes[node.scopes.length - 1]!);
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      throw new Error(
        `${this.node.id}: construct ${node.path} gives the Terraform name "${name}"; ` +
          "use lower snake_case construct ids (a-z, 0-9, _) so addresses stay readable",
      );
    }
    const address = `${kind}.${name}`;
    const owner = this.allocated.get(address);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`${this.node.id}: ${owner} and ${node.path} both map to ${address}`);
    }
    this.allocated.set(address, node.path);
    return name;
  }

  private addressOf(element: IConstruct): [string, string] {
    if (element instanceof TerraformVariable) return ["var", element.node.id];
    if (element instanceof TerraformOutput) return ["output", element.node.id];
    if (element instanceof TerraformLocal) return ["local", element.node.id];
    const scopes = element.node.scopes;
    const name = scopes
      .slice(scopes.indexOf(this) + 1)
      .filter((c) => !(c instanceof TransparentScope))
      .map((c) => c.node.id)
      .join("_");
    const type = (element as { terraformResourceType?: string }).terraformResourceType ?? "module";
    return [type, name];
  }
}

/** A grouping construct that does not appear in Terraform names. */
export class TransparentScope extends Construct {}
