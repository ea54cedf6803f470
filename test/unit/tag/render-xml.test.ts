import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Profile, Service, ServiceType } from "../../../src/reference/lists.js";
import { createTagRenderer } from "../../../src/tag/render.js";
import { SEED } from "../../support/chunking.js";

/** Any text, with the characters that matter to HTML and XML made frequent. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(..."<>&]\"'\\\n\u2028é"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
/** What the plan schema lets a loader path hold (no quotes, angle brackets or spaces). */
const loaderPath = fc.string({ unit: fc.constantFrom(..."ab/&;=?%-_.~:é"), maxLength: 30 });

describe("tag rendering for XHTML pages", () => {
  it("gives a tag body with no '<', '&' or ']]>' and a loader that is well-formed XML, whatever the values", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 10, maxLength: 10 }), loaderPath, (values, path) => {
        const [
          projet,
          exploitant,
          plateforme,
          site,
          outil,
          uai,
          visitorId,
          name,
          chapter,
          service,
        ] = values as string[];
        const renderer = createTagRenderer(`/${path}/smarttag_ENT.js`, {
          projet,
          exploitant,
          plateforme,
        } as never);
        const tag = renderer.tag({
          site,
          service: service as Service,
          type: "NATIF" as ServiceType,
          outil,
          uai,
          profile: "ELEVE" as Profile,
          visitorId,
          name,
          chapters: [chapter],
        } as never);
        const body = tag.slice(tag.indexOf(">") + 1, tag.lastIndexOf("</script>"));

        expect(body).not.toMatch(/[<&>]/);
        expect(body).toMatch(/^[\x20-\x7e\n]*$/);
        expect(renderer.loader()).toMatch(
          /^<script type="text\/javascript" src="([^"<&]|&amp;)*"><\/script>$/,
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
