import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator } from "cdktf";
import { expr } from "../core/expressions";
import { optional } from "../core/module-spec";
import { ReadableStack } from "../core/readable-stack";
import { tf } from "../core/tf-types";

/** A DNS name an alias record can carry: labels of a-z, 0-9 and -. */
const DNS_NAME = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
const ZONE_ID = "Z0123456789ABCDEFGHIJ";

/** Inputs of the ALB's alias records, spread at the end of the alb spec's inputs. */
export const dnsRecordInputs = {
  dns_zone_id: optional(
    tf.string,
    null,
    "Route 53 hosted zone for alias A records of `dns_names` to the load balancer. Default null: no records.",
    {
      validation: [
        {
          condition:
            'var.dns_zone_id == null ? true : can(regex("^Z[0-9A-Z]{1,31}$", var.dns_zone_id))',
          errorMessage: "dns_zone_id must be null or a Route 53 hosted zone ID (Z…).",
          // As the Route 53 API returns it, with its prefix.
          rejects: { value: `/hostedzone/${ZONE_ID}` },
        },
      ],
    },
  ),
  dns_names: optional(
    tf.list(tf.string),
    [],
    "Names in `dns_zone_id` aliased to the load balancer (A records keyed by name, e.g. " +
      "`origin.shop.example.com` for the CloudFront origin); each should be on one of " +
      "`certificate_arns`. Default [].",
    {
      validation: [
        {
          condition: `alltrue([for n in var.dns_names : can(regex(${JSON.stringify(DNS_NAME)}, n))])`,
          errorMessage: "dns_names must be lower-case DNS names.",
          // A fully qualified name with its trailing dot.
          rejects: { value: ["origin.shop.example.com."], alongside: { dns_zone_id: ZONE_ID } },
        },
        {
          condition: "length(var.dns_names) == 0 || var.dns_zone_id != null",
          errorMessage: "dns_names needs dns_zone_id: the zone the records are written to.",
          rejects: { value: ["origin.shop.example.com"], alongside: { dns_zone_id: null } },
        },
      ],
    },
  ),
};

/** An alias A record per name, keyed by the name so adding one never moves another. */
export function aliasRecords(stack: ReadableStack, dnsName: string, zoneId: string): void {
  new Route53Record(stack.scopeFor(Route53Record), "alias", {
    forEach: TerraformIterator.fromMap(expr.map("{ for n in var.dns_names : n => n }")),
    zoneId: expr.string("var.dns_zone_id"),
    name: "${each.key}",
    type: "A",
    alias: { name: dnsName, zoneId, evaluateTargetHealth: true },
  });
}
