import { MODULE_STACKS } from "../constructs";
import { diffModules, generateModules } from "../constructs/core/generate";
import { COMMITTED_MODULES } from "./support/synth";

describe("terraform-modules/", () => {
  it("is exactly what the constructs generate (run `npm run modules` after changing a construct)", () => {
    expect(diffModules(COMMITTED_MODULES, generateModules(MODULE_STACKS))).toEqual([]);
  });
});
