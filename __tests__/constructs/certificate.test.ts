import { App, TerraformOutput } from "cdktf";
import {
  CertificateModule,
  CertificateModuleStack,
  certificateSpec,
} from "../../constructs/certificate";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { EnvironmentProviders } from "../../stacks/providers";
import { PlanJson } from "../../tools/terraform/runner";
import { scenarioPlan } from "../support/module-scenarios";
import { after, changes, moduleConfig } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([CertificateModuleStack]).get("certificate")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("certificate module", () => {
  it("uses only the provider configuration it is given: no provider, no alias, no region", () => {
    expect(tf.provider).toBeUndefined();
    expect(tf.terraform.required_providers.aws.configuration_aliases).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/"(provider|region)":/);
  });

  it("validates by DNS, keys the records by domain name and lets apex and wildcard share one", () => {
    expect(r.aws_acm_certificate.this).toMatchObject({
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
    const records = r.aws_route53_record.validation;
    expect(records.for_each).toMatch(
      /for o in aws_acm_certificate\.this\.domain_validation_options : o\.domain_name =>/,
    );
    expect(records.allow_overwrite).toBe(true);
    expect(r.aws_acm_certificate_validation.this.validation_record_fqdns).toBe(
      "${[for r in aws_route53_record.validation : r.fqdn]}",
    );
    // Consumers wait for issuance: the ARN comes from the validation.
    expect(tf.output.certificate_arn.value).toBe(
      "${aws_acm_certificate_validation.this.certificate_arn}",
    );
  });

  it("documents the us-east-1 call in its README example", () => {
    expect(files["README.md"]).toContain("providers = { aws = aws.us_east_1 }");
  });

  it("gives env roots a typed call that runs the module in aws.us_east_1", () => {
    const root = new ReadableStack(new App({ skipValidation: true }), "dev");
    const providers = new EnvironmentProviders(root, "eu-north-1", { Environment: "dev" });
    const cert = new CertificateModule(root, "cdn_certificate", {
      source: "../../../terraform-modules/certificate",
      inputs: certificateSpec.example,
      providers,
      defaultProviderAlias: "us_east_1",
    });
    new TerraformOutput(root, "arn", { value: cert.outputs.certificate_arn });
    const synthesized = root.toTerraform() as any;
    expect(synthesized.module.cdn_certificate.providers).toEqual({ aws: "aws.us_east_1" });
    expect(synthesized.provider.aws[1]).toMatchObject({ alias: "us_east_1", region: "us-east-1" });
    expect(
      () =>
        new CertificateModule(root, "no_providers", {
          source: "./m",
          inputs: certificateSpec.example,
          defaultProviderAlias: "us_east_1",
        }),
    ).toThrow(/pass providers to run it in aws\.us_east_1/);
  });
});

describeTerraform("certificate module, planned offline with real Terraform", () => {
  let plan: PlanJson;
  beforeAll(() => {
    plan = scenarioPlan("certificate");
  });

  it("plans one record per name, keyed by the name, in the zone, overwriting allowed", () => {
    const records = changes(plan, "aws_route53_record");
    expect(records.map((c) => c.address).sort()).toEqual([
      'module.certificate.aws_route53_record.validation["*.shop.example.com"]',
      'module.certificate.aws_route53_record.validation["shop.example.com"]',
    ]);
    for (const c of records)
      expect(after(c)).toMatchObject({
        allow_overwrite: true,
        zone_id: "Z0123456789ABCDEFGHIJ",
        ttl: 60,
      });
    const [certificate] = changes(plan, "aws_acm_certificate");
    expect(after(certificate!)).toMatchObject({
      domain_name: "shop.example.com",
      // The provider lists the main name among the alternative names itself.
      subject_alternative_names: ["*.shop.example.com", "shop.example.com"],
      validation_method: "DNS",
      key_algorithm: "RSA_2048",
    });
  });

  it("creates the certificate through the configuration the caller passed (aws.us_east_1)", () => {
    const cert = moduleConfig(plan, "certificate").resources.find(
      (c: any) => c.address === "aws_acm_certificate.this",
    );
    expect(cert.provider_config_key).toBe("aws.us_east_1");
  });
});
