import { ServiceDiscoveryPrivateDnsNamespace } from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace";
import { ServiceDiscoveryService } from "@cdktf/provider-aws/lib/service-discovery-service";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { serviceDiscoverySpec } from "./spec";

/** Generates `terraform-modules/service-discovery`; see `spec.ts` for its interface. */
export class ServiceDiscoveryModuleStack extends ModuleStack<
  typeof serviceDiscoverySpec.inputs,
  typeof serviceDiscoverySpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, serviceDiscoverySpec);
    const namespace = new ServiceDiscoveryPrivateDnsNamespace(
      this.scopeFor(ServiceDiscoveryPrivateDnsNamespace),
      "this",
      {
        name: this.vars.name,
        description: "Service discovery for ${var.name}",
        vpc: this.vars.vpc_id,
        tags: tagsWithName("${var.name}"),
      },
    );
    const services = TerraformIterator.fromMap(expr.map("var.services"));
    const service = new ServiceDiscoveryService(this.scopeFor(ServiceDiscoveryService), "this", {
      forEach: services,
      name: "${each.key}",
      description: expr.string(
        'each.value.description != null ? each.value.description : "${each.key}.${var.name}"',
      ),
      dnsConfig: {
        namespaceId: namespace.id,
        routingPolicy: "MULTIVALUE",
        dnsRecords: [{ type: "A", ttl: expr.number("each.value.ttl") }],
      },
      tags: tagsWithName("${each.key}.${var.name}"),
    });
    // ECS reports each task's health; the empty block is how the API asks for that.
    service.addOverride("health_check_custom_config", {});

    const byName = (attr: string) =>
      expr.map(`{ for k, s in aws_service_discovery_service.this : k => s.${attr} }`);
    this.exportOutputs({
      namespace_id: namespace.id,
      namespace_arn: namespace.arn,
      namespace_name: namespace.name,
      hosted_zone_id: namespace.hostedZone,
      service_arns: byName("arn"),
      service_ids: byName("id"),
      service_dns_names: expr.map(
        '{ for k, s in aws_service_discovery_service.this : k => "${k}.${var.name}" }',
      ),
    });
  }
}
