/** fast-check arbitraries: mutations of a valid envelope, as a fuzzer or a buggy peer would send. */
import fc from "fast-check";
import { createEnvelope, encodeEnvelope, MessageType } from "../../src/transport.js";
import { SEED_ENVELOPE_KEYS } from "../wire/seed-envelope-keys.js";

const KEYS = SEED_ENVELOPE_KEYS;

/** Any JSON value, including the awkward ones. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    null,
    "",
    -1,
    0,
    5,
    Number.MAX_SAFE_INTEGER + 2,
    "2026-13-45T99:99:99",
    "request",
    "broadcast",
    "x".repeat(300),
  ),
);

type Mutation = (envelope: Record<string, unknown>) => unknown;

/** One or more of: replace a key's value, delete a key, add a key, replace the whole thing. */
export const envelopeMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS), anyValue).map(
    ([key, value]): Mutation =>
      (e) => ({ ...e, [key]: value }),
  ),
  fc.constantFrom(...KEYS).map(
    (key): Mutation =>
      (e) => {
        const { [key]: _drop, ...rest } = e;
        return rest;
      },
  ),
  fc.tuple(fc.string({ maxLength: 12 }), anyValue).map(
    ([key, value]): Mutation =>
      (e) => ({ ...e, [key]: value }),
  ),
  fc.tuple(fc.constantFrom("payload"), fc.dictionary(fc.string({ maxLength: 8 }), anyValue)).map(
    ([key, value]): Mutation =>
      (e) => ({ ...e, [key]: value }),
  ),
  anyValue.map(
    (value): Mutation =>
      () =>
        value,
  ),
);

/** A short sequence of mutations applied in turn. */
export const envelopeMutations: fc.Arbitrary<Mutation> = fc
  .array(envelopeMutation, { minLength: 1, maxLength: 3 })
  .map(
    (mutations): Mutation =>
      (e) =>
        mutations.reduce<unknown>(
          (acc, m) =>
            typeof acc === "object" && acc !== null && !Array.isArray(acc)
              ? m(acc as Record<string, unknown>)
              : acc,
          e,
        ),
  );

/** A valid Parley request as it arrives: parsed from the bytes Parley sends. */
export function parsedParleyRequest(): Record<string, unknown> {
  const envelope = createEnvelope({
    sender_id: "a",
    recipient_id: "b",
    message_type: MessageType.request,
    payload: { request_type: "x" },
    correlation_id: "c",
    expires_at: new Date(Date.now() + 60_000),
  });
  return JSON.parse(new TextDecoder().decode(encodeEnvelope(envelope)));
}
