/**
 * The security section's tests with signatures required: unsigned, forged, spoofed, broken and
 * replayed messages refused, with no reply to a sender who did not sign.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, type Envelope, ErrorCode } from "../../src/index.js";
import type { InboundMessage, RejectedMessage } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf } from "./raw-envelope.js";
import { claimingAlice, signedRequest, signer, trustStore } from "./security-keys.js";
import { signedRedelivery } from "./security-redelivery.js";

/** Registers the "with signatures required" tests inside the security section, on its mesh. */
export function signaturesRequired(meshOf: () => Mesh): void {
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  describe("with signatures required", () => {
    let bob: Agent;
    let alice: Agent;
    const refused: RejectedMessage[] = [];
    beforeAll(async () => {
      bob = await mesh.agent("sec-bob", {
        signer: signer("bob"),
        trustStore,
        requireSignatures: true,
      });
      bob.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
      bob.on("message:rejected", (r) => refused.push(r));
      alice = await mesh.agent("sec-alice", {
        signer: signer("alice"),
        trustStore,
        requireSignatures: true,
      });
    });

    /** Publishes, then waits for Bob to refuse the message with this correlation (or message) id. */
    async function refusedFor(publish: () => Promise<void>, id: string): Promise<RejectedMessage> {
      const seen = refused.length;
      const isIt = (r: RejectedMessage) =>
        r.envelope?.correlation_id === id || r.envelope?.id === id;
      await publish();
      await eventually(() => refused.slice(seen).some(isIt), "bob to refuse the message");
      return refused.slice(seen).find(isIt) as RejectedMessage;
    }

    it("serves signed requests from trusted agents, and refuses nothing they send", async () => {
      await expect(alice.request("sec-bob", "double", { x: 4 })).resolves.toEqual({ y: 8 });
      await eventually(
        () => bob.directory.get("sec-alice")?.status === "online",
        "alice's presence",
      );
      expect(refused).toEqual([]);
    });

    /**
     * Waits for Bob's answer to a signed request that Alice's key really sent: Bob replies in the
     * order requests arrive, so any reply to something injected earlier came before it.
     */
    async function answeredAfter(inbox: Awaited<ReturnType<typeof eavesdrop>>): Promise<void> {
      const raw = await mesh.raw(`sec-marker-${refused.length}`);
      const marker = `c-marker-${refused.length}`;
      const { bytes, metadata } = signedRequest("alice", "sec-bob", marker, {
        request_type: "double",
        x: 0,
      });
      await raw.publish("a2a/sec-bob/request", bytes, { qos: 1, metadata });
      await eventually(
        () => inbox.envelopes().some((e) => e.correlation_id === marker),
        "bob's answer to the genuine request",
      );
    }

    it("refuses an unsigned request with unauthorized, and sends no reply to the claimed sender", async () => {
      const raw = await mesh.raw("sec-raw-1");
      const inbox = await eavesdrop(raw, "a2a/sec-alice/+");
      const request = claimingAlice("c-unsigned");
      const rejection = await refusedFor(
        () => raw.publish("a2a/sec-bob/request", request, { qos: 1 }),
        "c-unsigned",
      );
      expect(rejection.error.code).toBe(ErrorCode.unauthorized);
      expect(rejection.error.message).toMatch(/unsigned/);
      await answeredAfter(inbox);
      expect(inbox.envelopes().map((e) => e.correlation_id)).not.toContain("c-unsigned");
    });

    it("refuses a forged signature and a spoofed sender_id, replying to neither", async () => {
      const raw = await mesh.raw("sec-raw-2");
      const inbox = await eavesdrop(raw, "a2a/sec-alice/+");
      const forged = claimingAlice("c-forged");
      const badSignature = await refusedFor(
        () =>
          raw.publish("a2a/sec-bob/request", forged, {
            qos: 1,
            metadata: { "parley-kid": "k1", "parley-sig": Buffer.alloc(64, 7).toString("base64") },
          }),

        "c-forged",
      );
      expect(badSignature.error.code).toBe(ErrorCode.unauthorized);
      // Mallory signs with her own (trusted) key but claims to be Alice.
      const spoofed = await refusedFor(
        () =>
          raw.publish("a2a/sec-bob/request", forged, {
            qos: 1,
            metadata: { "parley-kid": "k1", "parley-sig": signer("mallory").sign(forged) },
          }),

        "c-forged",
      );
      expect(spoofed.error.code).toBe(ErrorCode.unauthorized);
      expect(spoofed.error.message).toMatch(/spoofed sender/);
      await answeredAfter(inbox);
      expect(inbox.envelopes().map((e) => e.correlation_id)).not.toContain("c-forged");
    });

    it("sends no reply to the claimed sender of a broken, unsigned request", async () => {
      const raw = await mesh.raw("sec-raw-broken");
      const inbox = await eavesdrop(raw, "a2a/sec-alice/+");
      const broken = bytesOf({
        ...(JSON.parse(new TextDecoder().decode(claimingAlice("c-broken"))) as Envelope),
        priority: "high",
      });
      const seen = refused.length;
      await raw.publish("a2a/sec-bob/request", broken, { qos: 1 });
      await eventually(
        () => refused.slice(seen).some((r) => r.error.code === ErrorCode.malformed_message),
        "bob to refuse the broken request",
      );
      await answeredAfter(inbox);
      expect(inbox.envelopes().map((e) => e.correlation_id)).not.toContain("c-broken");
    });

    it("refuses a replayed message, and one outside the replay window, telling a signed sender", async () => {
      const raw = await mesh.raw("sec-raw-3");
      const captured: InboundMessage[] = [];
      await raw.subscribe("a2a/broadcast/broadcast", (m) => captured.push(m), { qos: 0 });
      const notes: number[] = [];
      const off = bob.on<{ n: number }>("note", ({ n }) => notes.push(n));
      await alice.broadcast("note", { n: 1 });
      await eventually(() => notes.length === 1, "bob to hear the note");
      const decode = (m: InboundMessage) =>
        JSON.parse(new TextDecoder().decode(m.bytes)) as Envelope;
      const isNote = (m: InboundMessage) => decode(m).payload.broadcast_type === "note";
      await eventually(() => captured.some(isNote), "the signed note on the wire");
      const original = captured.find(isNote);
      if (!original) throw new Error("alice's signed note was not on the wire");
      const replay = await refusedFor(
        () =>
          raw.publish(original.address, original.bytes, { qos: 0, metadata: original.metadata }),
        decode(original).id,
      );
      expect(replay.error.code).toBe(ErrorCode.replayed);
      expect(notes).toEqual([1]);
      off();
      const inbox = await eavesdrop(raw, "a2a/sec-alice/+");
      const stale = signedRequest(
        "alice",
        "sec-bob",
        "c-stale",
        { request_type: "double", x: 1 },
        new Date(Date.now() - 3_600_000).toISOString(),
      );
      const old = await refusedFor(
        () => raw.publish("a2a/sec-bob/request", stale.bytes, { qos: 1, metadata: stale.metadata }),
        "c-stale",
      );
      expect(old.error.code).toBe(ErrorCode.replayed);
      // Alice's key signed it, so she is told (unlike the claimed senders above).
      await eventually(
        () => inbox.envelopes().some((e) => e.correlation_id === "c-stale"),
        "the error reply to alice",
      );
      expect(inbox.envelopes().find((e) => e.correlation_id === "c-stale")?.payload).toMatchObject({
        error: { code: "replayed" },
      });
    });

    signedRedelivery(meshOf);
  });
}
