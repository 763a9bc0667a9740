/**
 * The keys, trust store and signed raw envelopes of the security section: four agents' keys, all
 * trusted, so a test can sign as anyone (Mallory included) or as no one.
 */
import type { Envelope } from "../../src/index.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";

export const keys = {
  alice: generateSigningKeys(),
  bob: generateSigningKeys(),
  carol: generateSigningKeys(),
  mallory: generateSigningKeys(),
};
export const trustStore = createTrustStore({
  "sec-alice": { k1: keys.alice.publicKey },
  "sec-bob": { k1: keys.bob.publicKey },
  "sec-carol": { k1: keys.carol.publicKey },
  "sec-mallory": { k1: keys.mallory.publicKey },
});
export const signer = (who: keyof typeof keys) =>
  createEd25519Signer({ keyId: "k1", privateKey: keys[who].privateKey });

/** A fresh envelope signed with `who`'s key, as a raw client publishes it. */
export function signedRaw(
  who: keyof typeof keys,
  fields: Parameters<typeof rawEnvelope>[0],
): { bytes: Uint8Array; metadata: Record<string, string> } {
  const bytes = bytesOf(rawEnvelope({ timestamp: new Date().toISOString(), ...fields }));
  return { bytes, metadata: { "parley-kid": "k1", "parley-sig": signer(who).sign(bytes) } };
}

/** A request from `sec-{who}`, signed with their key. */
export function signedRequest(
  who: keyof typeof keys,
  to: string,
  correlationId: string,
  payload: Envelope["payload"],
  timestamp = new Date().toISOString(),
): ReturnType<typeof signedRaw> {
  return signedRaw(who, {
    sender_id: `sec-${who}`,
    recipient_id: to,
    message_type: "request",
    correlation_id: correlationId,
    timestamp,
    payload,
  });
}

/** A request to Bob that claims to come from Alice, unsigned. */
export function claimingAlice(correlationId: string): Uint8Array {
  return bytesOf(
    rawEnvelope({
      sender_id: "sec-alice",
      recipient_id: "sec-bob",
      message_type: "request",
      correlation_id: correlationId,
      timestamp: new Date().toISOString(),
      payload: { request_type: "double", x: 1 },
    }),
  );
}
