/**
 * Version constraints written into every generated module and root. The bindings are AWS
 * provider 6.x, but what machines here have offline is 5.100.0, so generated code uses only
 * arguments both accept and declares the range both satisfy.
 */
export const AWS_PROVIDER_SOURCE = "hashicorp/aws";
export const AWS_PROVIDER_VERSION = ">= 5.100.0, < 7.0.0";
/** Modules use optional object attributes with defaults (1.3) and cross-variable validation (1.9). */
export const MODULE_TERRAFORM_VERSION = ">= 1.9.0";
/** Roots use the S3 backend's native `use_lockfile` (1.10). */
export const ROOT_TERRAFORM_VERSION = ">= 1.10.0";

/**
 * Where other repositories fetch the modules from; shown in every module README. Change it
 * once here when the repository moves.
 */
export const MODULE_GIT_SOURCE = "git::https://github.com/your-org/aws-platform-cdktf.git";
export const EXAMPLE_MODULE_REF = "v1.2.0";
