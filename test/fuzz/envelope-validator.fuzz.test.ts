/**
 * The generated envelope validator (no ajv at run time) judges exactly as ajv compiling the
 * envelope schema at run time did: same verdict, same first error, over random JSON and mutated
 * envelopes.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { expect, it } from "vitest";
import envelopeSchema from "../../schemas/envelope.schema.json" with { type: "json" };
import { validateEnvelope } from "../../src/generated/envelope-validator.js";
import { isDateTime } from "../../src/wire/date-time-format.js";
import { envelopeMutations, parsedParleyRequest } from "./envelope-arbitraries.js";

const ajv = new Ajv2020({ allErrors: false, strict: true });
ajv.addFormat("date-time", { type: "string", validate: isDateTime });
const compiled = ajv.compile(envelopeSchema);

function verdicts(value: unknown) {
  const generated = validateEnvelope(value);
  const runtime = compiled(value);
  return {
    generated: { valid: generated, error: generated ? null : validateEnvelope.errors?.[0] },
    runtime: { valid: runtime, error: runtime ? null : compiled.errors?.[0] },
  };
}

it("gives the verdict and first error of the schema compiled at run time", () => {
  let valid = 0;
  const agree = (value: unknown) => {
    const { generated, runtime } = verdicts(value);
    expect(generated, JSON.stringify(value)).toEqual(runtime);
    if (generated.valid) valid++;
  };
  agree(parsedParleyRequest());
  fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
  fc.assert(
    fc.property(envelopeMutations, (mutate) => agree(mutate(parsedParleyRequest()))),
    { numRuns: 5000 },
  );
  expect(valid).toBeGreaterThan(0);
});
