"use strict";
/**
 * cdktf-cli requires the pty module when it starts, but only calls it to run terraform for
 * `cdktf deploy`, `destroy`, `diff`, `output` and `watch`. This project plans and applies with plain
 * terraform, so no native binary (and no install script) is needed for `cdktf synth` on any Node
 * version; the commands that would have used it fail with this message instead.
 */
exports.spawn = () => {
  throw new Error(
    "cdktf deploy/destroy/diff/output/watch are not used in this project: run plain terraform on " +
      "the synthesized root instead, e.g. terraform -chdir=cdktf.out/stacks/dev plan (see README)",
  );
};
