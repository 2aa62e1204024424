/**
 * CloudFront facts shared by the modules on either side of a distribution (`cdn` and the
 * `alb` behind it), kept in one place so both sides agree.
 */

/**
 * Header CloudFront adds to every origin request, carrying a secret the ALB's listener rules
 * require: it proves a request came through this distribution (and its WAF), not another one
 * whose addresses are in the same prefix list.
 */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/**
 * The AWS-managed prefix list of CloudFront's origin-facing addresses. Its ID differs per
 * Region (and partition), so modules take the ID as an input: a data source would call AWS at
 * plan time. Look it up once per Region with
 * `aws ec2 describe-managed-prefix-lists --region <region> --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing --query 'PrefixLists[0].PrefixListId'`
 * (us-east-1: `pl-3b927c52`). In a security group it counts as about 55 rules (its weight),
 * so it is referenced in one rule per port at most.
 */
export const ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/** The `^pl-…$` shape of a managed prefix list ID. */
export const PREFIX_LIST_ID_PATTERN = "^pl-[0-9a-f]{8,17}$";

/**
 * IDs of AWS-managed cache and origin request policies. They are the same in every account and
 * partition (AWS documents them as constants), so they are literals, not data sources.
 */
export const MANAGED_POLICY_IDS = {
  /** Cache policy: nothing cached, nothing in the cache key (dynamic pages, APIs). */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Cache policy: long TTLs, no cookies/query strings/headers in the key, gzip and brotli. */
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  /**
   * Origin request policy: every viewer header, cookie and query string except `Host`, so the
   * origin sees its own domain name (the one on its certificate) as `Host`.
   */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;
