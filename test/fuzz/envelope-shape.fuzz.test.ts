/** Property-based: the decoder's fast envelope check never accepts what the schema refuses. */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { expect, it } from "vitest";
import envelopeSchema from "../../schemas/envelope.schema.json" with { type: "json" };
import { isDateTime } from "../../src/wire/date-time-format.js";
import { hasEnvelopeShape } from "../../src/wire/envelope-shape.js";
import { envelopeMutations, parsedParleyRequest } from "./envelope-arbitraries.js";

const ajv = new Ajv2020({ strict: true });
ajv.addFormat("date-time", { type: "string", validate: isDateTime });
const schemaAccepts = ajv.compile(envelopeSchema);

it("takes the fast path for what Parley and the seed send", () => {
  const parley = parsedParleyRequest();
  expect(hasEnvelopeShape(parley)).toBe(true);
  // The seed: microsecond timestamps, a broadcast without recipient or correlation.
  const seed = {
    ...parley,
    recipient_id: null,
    message_type: "broadcast",
    timestamp: "2026-11-24T18:02:03.123456+00:00",
    correlation_id: null,
    expires_at: null,
  };
  expect(hasEnvelopeShape(seed)).toBe(true);
});

it("accepts only envelopes the schema accepts, over random JSON and mutated envelopes", () => {
  let fast = 0;
  const agree = (value: unknown): void => {
    if (!hasEnvelopeShape(value)) return;
    fast++;
    expect(schemaAccepts(value), JSON.stringify(value)).toBe(true);
  };
  fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
  fc.assert(
    fc.property(envelopeMutations, (mutate) => agree(mutate(parsedParleyRequest()))),
    { numRuns: 5000 },
  );
  // Some mutations leave a valid envelope (a new payload, say): the fast path saw those.
  expect(fast).toBeGreaterThan(0);
});
