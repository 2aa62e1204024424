/**
 * Provider configurations a module may ask its caller for, besides the default `aws` one.
 * CloudFront only accepts ACM certificates from us-east-1, and CLOUDFRONT-scoped WAF web ACLs
 * live there too, so modules that create them take an `aws.us_east_1` configuration
 * (Terraform's `configuration_aliases`) and the environment root declares it with the same
 * `default_tags` as its default provider.
 */
export const PROVIDER_ALIASES = {
  us_east_1: {
    region: "us-east-1",
    why: "CloudFront certificates and CLOUDFRONT-scoped WAF web ACLs",
  },
} as const;

export type ProviderAlias = keyof typeof PROVIDER_ALIASES;

/** `aws.us_east_1`: how Terraform names an aliased AWS provider configuration. */
export const aliasAddress = (alias: ProviderAlias) => `aws.${alias}`;
