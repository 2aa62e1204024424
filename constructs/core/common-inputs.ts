import { required } from "./module-spec";
import { tf } from "./tf-types";
import { validate } from "./validations";

/** Required `vpc_id` input validated as a VPC ID; only the description differs per module. */
export function vpcIdInput(description: string) {
  return required(tf.string, description, {
    validation: [validate.pattern("vpc_id", "^vpc-[0-9a-f]{8,17}$", "a VPC ID (vpc-…)")],
  });
}
