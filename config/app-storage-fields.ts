import { z } from "zod";

/** What a service or an app tier may do with a bucket it declares. */
export const BUCKET_ACCESS = ["read", "read-write"] as const;

/**
 * Buckets in `buckets` a service or an app tier uses: `read` (get and list) or `read-write`
 * (also put and delete), on the bucket and its key only. Default: none.
 */
export const bucketUses = z
  .array(
    z.strictObject({
      /** Name of a bucket in `buckets`. */
      bucket: z.string(),
      access: z.enum(BUCKET_ACCESS),
    }),
  )
  .optional();
