import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { certificateSpec } from "./spec";

/** Generates `terraform-modules/certificate`; see `spec.ts` for its interface. */
export class CertificateModuleStack extends ModuleStack<
  typeof certificateSpec.inputs,
  typeof certificateSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, certificateSpec);

    const certificate = new AcmCertificate(this.scopeFor(AcmCertificate), "this", {
      domainName: this.vars.domain_name,
      subjectAlternativeNames: this.vars.subject_alternative_names,
      validationMethod: "DNS",
      keyAlgorithm: this.vars.key_algorithm,
      tags: tagsWithName("${var.domain_name}"),
      // A certificate in use cannot be deleted: its replacement must exist first.
      lifecycle: { createBeforeDestroy: true },
    });

    // Keyed by domain name: the options are a set, and their domain names are known at plan.
    const options = TerraformIterator.fromMap(
      expr.map(
        "{ for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => { name = o.resource_record_name, type = o.resource_record_type, record = o.resource_record_value } }",
      ),
    );
    new Route53Record(this.scopeFor(Route53Record), "validation", {
      forEach: options,
      zoneId: this.vars.zone_id,
      name: "${each.value.name}",
      type: "${each.value.type}",
      ttl: this.vars.validation_record_ttl,
      records: ["${each.value.record}"],
      // An apex and its wildcard share one record: the second key writes the same value.
      allowOverwrite: true,
    });

    const validation = new AcmCertificateValidation(
      this.scopeFor(AcmCertificateValidation),
      "this",
      {
        certificateArn: certificate.arn,
        validationRecordFqdns: expr.list("[for r in aws_route53_record.validation : r.fqdn]"),
      },
    );

    this.exportOutputs({
      certificate_arn: validation.certificateArn,
      domain_name: certificate.domainName,
      validation_record_fqdns: expr.map(
        "{ for name, r in aws_route53_record.validation : name => r.fqdn }",
      ),
    });
  }
}
