import {
  INSTALL_HINT,
  SKIP_TERRAFORM_VAR,
  terraformAvailability,
} from "../../tools/terraform/runner";

const availability = terraformAvailability();

/**
 * `describe` for suites that run the real Terraform. Where `terraform` is missing the suite
 * fails with install instructions, unless SKIP_TERRAFORM_TESTS=1 says to skip it on purpose.
 */
export function describeTerraform(name: string, body: () => void): void {
  if (availability.available) {
    describe(name, body);
  } else if (process.env[SKIP_TERRAFORM_VAR] === "1") {
    describe.skip(`${name} (skipped: ${SKIP_TERRAFORM_VAR}=1)`, body);
  } else {
    describe(name, () => {
      it("needs terraform on PATH", () => {
        throw new Error(INSTALL_HINT);
      });
    });
  }
}
