import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, type Envelope, ErrorCode, type ParleyError } from "../../src/index.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import type { InboundMessage, RejectedMessage } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

const keys = {
  alice: generateSigningKeys(),
  bob: generateSigningKeys(),
  carol: generateSigningKeys(),
  mallory: generateSigningKeys(),
};
const trustStore = createTrustStore({
  "sec-alice": { k1: keys.alice.publicKey },
  "sec-bob": { k1: keys.bob.publicKey },
  "sec-carol": { k1: keys.carol.publicKey },
  "sec-mallory": { k1: keys.mallory.publicKey },
});
const signer = (who: keyof typeof keys) =>
  createEd25519Signer({ keyId: "k1", privateKey: keys[who].privateKey });

/** A fresh envelope signed with `who`'s key, as a raw client publishes it. */
function signedRaw(
  who: keyof typeof keys,
  fields: Parameters<typeof rawEnvelope>[0],
): { bytes: Uint8Array; metadata: Record<string, string> } {
  const bytes = bytesOf(rawEnvelope({ timestamp: new Date().toISOString(), ...fields }));
  return { bytes, metadata: { "parley-kid": "k1", "parley-sig": signer(who).sign(bytes) } };
}

/** A request from `sec-{who}`, signed with their key. */
function signedRequest(
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
function claimingAlice(correlationId: string): Uint8Array {
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

export const security = conformanceSection("signatures, replays and limits", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  if (!target.features.metadata) {
    it("refuses to sign on a transport without metadata, saying why", async () => {
      const agent = mesh.createAgent("sec-nometa", { signer: signer("alice") });
      await expect(agent.connect()).rejects.toMatchObject({
        code: ErrorCode.unavailable,
        message: expect.stringMatching(/no metadata/),
      });
    });
    return;
  }

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

    it("answers a signed request redelivered by the broker from its response cache, running it once", async () => {
      const server = await mesh.agent("sec-redeliver-server", {
        signer: signer("bob"),
        trustStore,
        requireSignatures: true,
      });
      let runs = 0;
      server.handle("count", () => ({ run: ++runs }));
      const raw = await mesh.raw("sec-carol");
      const inbox = await eavesdrop(raw, "a2a/sec-carol/+");
      // A QoS 1 duplicate: the very same bytes and signature, so the same message id.
      const { bytes, metadata } = signedRequest("carol", "sec-redeliver-server", "c-redelivered", {
        request_type: "count",
      });
      await raw.publish("a2a/sec-redeliver-server/request", bytes, { qos: 1, metadata });
      await eventually(() => inbox.envelopes().length === 1, "the first response");
      await raw.publish("a2a/sec-redeliver-server/request", bytes, { qos: 1, metadata });
      await eventually(() => inbox.envelopes().length === 2, "the response again");
      expect(inbox.envelopes().map((e) => e.payload)).toEqual([{ run: 1 }, { run: 1 }]);
      expect(runs).toBe(1);
    });

    it("ignores a signed request redelivered while it is still being handled, and answers once", async () => {
      const server = await mesh.agent("sec-inflight-server", {
        signer: signer("bob"),
        trustStore,
        requireSignatures: true,
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let runs = 0;
      server.handle("slow", async () => {
        runs++;
        await gate;
        return { done: true };
      });
      server.handle("ping", () => ({ pong: true }));
      const raw = await mesh.raw("sec-carol-inflight");
      const inbox = await eavesdrop(raw, "a2a/sec-carol/+");
      const request = signedRequest("carol", "sec-inflight-server", "c-inflight", {
        request_type: "slow",
      });
      const ping = signedRequest("carol", "sec-inflight-server", "c-inflight-ping", {
        request_type: "ping",
      });
      const to = "a2a/sec-inflight-server/request";
      await raw.publish(to, request.bytes, { qos: 1, metadata: request.metadata });
      await raw.publish(to, request.bytes, { qos: 1, metadata: request.metadata });
      // Requests are taken in order: once the ping is answered, the duplicate was dealt with.
      await raw.publish(to, ping.bytes, { qos: 1, metadata: ping.metadata });
      await eventually(
        () => inbox.envelopes().some((e) => e.correlation_id === "c-inflight-ping"),
        "the ping's answer",
      );
      release();
      await eventually(
        () => inbox.envelopes().some((e) => e.correlation_id === "c-inflight"),
        "the answer",
      );
      const answers = inbox.envelopes().filter((e) => e.correlation_id === "c-inflight");
      expect(answers.map((e) => e.payload)).toEqual([{ done: true }]);
      expect(runs).toBe(1);
    });

    it("refuses the replay of an id its bounded replay cache forgot (replayCacheSize)", async () => {
      const server = await mesh.agent("sec-forgetful", {
        trustStore,
        requireSignatures: true,
        replayCacheSize: 2,
      });
      const rejections: RejectedMessage[] = [];
      server.on("message:rejected", (r) => rejections.push(r));
      const notes: number[] = [];
      server.on<{ n: number }>("note", ({ n }) => notes.push(n));
      const raw = await mesh.raw("sec-carol-notes");
      const sent: { bytes: Uint8Array; metadata: Record<string, string> }[] = [];
      // Two ids kept (up to four): the fifth note makes it forget the first two.
      for (const n of [1, 2, 3, 4, 5]) {
        const note = signedRaw("carol", {
          sender_id: "sec-carol",
          message_type: "broadcast",
          payload: { broadcast_type: "note", n },
        });
        sent.push(note);
        await raw.publish("a2a/broadcast/broadcast", note.bytes, {
          qos: 0,
          metadata: note.metadata,
        });
        await eventually(() => notes.length === n, `note ${n}`);
      }
      const first = sent[0] as (typeof sent)[number];
      const seen = rejections.length;
      await raw.publish("a2a/broadcast/broadcast", first.bytes, {
        qos: 0,
        metadata: first.metadata,
      });
      await eventually(
        () => rejections.slice(seen).some((r) => r.envelope?.sender_id === "sec-carol"),
        "the replay to be refused",
      );
      const refusal = rejections.slice(seen).find((r) => r.envelope?.sender_id === "sec-carol");
      expect(refusal?.error.code).toBe(ErrorCode.replayed);
      expect(refusal?.error.message).toMatch(/forget/);
      expect(notes).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it("an agent that signs but does not require signatures serves an unsigned peer", async () => {
    const server = await mesh.agent("sec-lenient", { signer: signer("bob"), trustStore });
    server.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
    const seedLike = await mesh.agent("sec-unsigned-peer");
    await expect(seedLike.request("sec-lenient", "double", { x: 3 })).resolves.toEqual({ y: 6 });
  });

  it("answers a redelivered request from its response cache without running the handler twice", async () => {
    const server = await mesh.agent("sec-dup-server");
    let runs = 0;
    server.handle("count", () => ({ run: ++runs }));
    const raw = await mesh.raw("sec-dup-client");
    const inbox = await eavesdrop(raw, "a2a/sec-dup-client/+");
    const request = bytesOf(
      rawEnvelope({
        sender_id: "sec-dup-client",
        recipient_id: "sec-dup-server",
        message_type: "request",
        correlation_id: "c-dup",
        payload: { request_type: "count" },
      }),
    );
    await raw.publish("a2a/sec-dup-server/request", request, { qos: 1 });
    await eventually(() => inbox.envelopes().length === 1, "the first response");
    await raw.publish("a2a/sec-dup-server/request", request, { qos: 1 });
    await eventually(() => inbox.envelopes().length === 2, "the replayed response");
    expect(inbox.envelopes().map((e) => e.payload)).toEqual([{ run: 1 }, { run: 1 }]);
    expect(runs).toBe(1);
  });

  it("limits requests per sender per second with overloaded", async () => {
    const server = await mesh.agent("sec-rate-server", { maxRequestsPerSecondPerSender: 5 });
    server.handle("ping", () => ({}));
    const client = await mesh.agent("sec-rate-client");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.request("sec-rate-server", "ping").then(
          () => "ok",
          (e: ParleyError) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "ok").length).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o === ErrorCode.overloaded).length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o === "ok" || o === ErrorCode.overloaded)).toBe(true);
  });
});
