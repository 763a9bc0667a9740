/** A message as the test network saw it published, with its envelope decoded for assertions. */
import type { Envelope } from "../../src/index.js";
import { decodeEnvelope } from "../../src/wire/envelope-decoder.js";

/** One published message (or Last Will), in publish order. */
export interface CapturedMessage {
  readonly address: string;
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
  readonly retain: boolean;
  /** The decoded envelope; undefined for bytes that are not one (an empty retained clear, say). */
  readonly envelope: Envelope | undefined;
  /** `Date.now()` when it was published (virtual time under fake timers). */
  readonly at: number;
  /** True for a Last Will the network published for a dropped client. */
  readonly will: boolean;
}

const envelopes = new WeakMap<Uint8Array, Envelope | null>();

/** The envelope in `bytes`, decoded once per bytes object however many subscribers it reaches. */
export function envelopeOf(bytes: Uint8Array): Envelope | undefined {
  let envelope = envelopes.get(bytes);
  if (envelope === undefined) {
    const decoded = bytes.byteLength === 0 ? undefined : decodeEnvelope(bytes);
    envelope = decoded?.ok ? decoded.envelope : null;
    envelopes.set(bytes, envelope);
  }
  return envelope ?? undefined;
}
