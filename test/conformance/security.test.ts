import { beforeAll, describe, expect, it } from "vitest";
import {
  type Agent,
  ErrorCode,
  type InboundMessage,
  type ParleyError,
  type RejectedMessage,
} from "../../src/index.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { useMesh } from "./suite-setup.js";
import { targets } from "./targets.js";

const keys = {
  alice: generateSigningKeys(),
  bob: generateSigningKeys(),
  mallory: generateSigningKeys(),
};
const trustStore = createTrustStore({
  "sec-alice": { k1: keys.alice.publicKey },
  "sec-bob": { k1: keys.bob.publicKey },
  "sec-mallory": { k1: keys.mallory.publicKey },
});
const signer = (who: keyof typeof keys) =>
  createEd25519Signer({ keyId: "k1", privateKey: keys[who].privateKey });

describe.each(targets)("signatures, replays and limits on $name", (target) => {
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

    async function refusedFor(publish: () => Promise<void>): Promise<RejectedMessage> {
      const seen = refused.length;
      await publish();
      await eventually(() => refused.length > seen, "bob to refuse the message");
      return refused[seen] as RejectedMessage;
    }

    it("serves signed requests from trusted agents, and refuses nothing they send", async () => {
      await expect(alice.request("sec-bob", "double", { x: 4 })).resolves.toEqual({ y: 8 });
      await eventually(
        () => bob.directory.get("sec-alice")?.status === "online",
        "alice's presence",
      );
      expect(refused).toEqual([]);
    });

    it("refuses an unsigned request with unauthorized, and tells the sender", async () => {
      const raw = await mesh.raw("sec-raw-1");
      const inbox = await eavesdrop(raw, "a2a/sec-alice/+");
      const request = rawEnvelope({
        sender_id: "sec-alice",
        recipient_id: "sec-bob",
        message_type: "request",
        correlation_id: "c-unsigned",
        timestamp: new Date().toISOString(),
        payload: { request_type: "double", x: 1 },
      });
      const rejection = await refusedFor(() =>
        raw.publish("a2a/sec-bob/request", bytesOf(request), { qos: 1 }),
      );
      expect(rejection.error.code).toBe(ErrorCode.unauthorized);
      expect(rejection.error.message).toMatch(/unsigned/);
      await eventually(
        () => inbox.envelopes().some((e) => e.correlation_id === "c-unsigned"),
        "the error reply",
      );
      expect(
        inbox.envelopes().find((e) => e.correlation_id === "c-unsigned")?.payload,
      ).toMatchObject({ error: { code: "unauthorized" } });
    });

    it("refuses a forged signature and a spoofed sender_id", async () => {
      const raw = await mesh.raw("sec-raw-2");
      const forged = bytesOf(
        rawEnvelope({
          sender_id: "sec-alice",
          recipient_id: "sec-bob",
          message_type: "request",
          correlation_id: "c-forged",
          timestamp: new Date().toISOString(),
          payload: { request_type: "double", x: 1 },
        }),
      );
      const badSignature = await refusedFor(() =>
        raw.publish("a2a/sec-bob/request", forged, {
          qos: 1,
          metadata: { "parley-kid": "k1", "parley-sig": Buffer.alloc(64, 7).toString("base64") },
        }),
      );
      expect(badSignature.error.code).toBe(ErrorCode.unauthorized);
      // Mallory signs with her own (trusted) key but claims to be Alice.
      const spoofed = await refusedFor(() =>
        raw.publish("a2a/sec-bob/request", forged, {
          qos: 1,
          metadata: { "parley-kid": "k1", "parley-sig": signer("mallory").sign(forged) },
        }),
      );
      expect(spoofed.error.code).toBe(ErrorCode.unauthorized);
      expect(spoofed.error.message).toMatch(/spoofed sender/);
    });

    it("refuses a replayed message, and one outside the replay window", async () => {
      const raw = await mesh.raw("sec-raw-3");
      const captured: InboundMessage[] = [];
      await raw.subscribe("a2a/sec-bob/request", (m) => captured.push(m), { qos: 1 });
      await alice.request("sec-bob", "double", { x: 5 });
      await eventually(() => captured.length === 1, "the signed request on the wire");
      const original = captured[0] as InboundMessage;
      const replay = await refusedFor(() =>
        raw.publish(original.address, original.bytes, { qos: 1, metadata: original.metadata }),
      );
      expect(replay.error.code).toBe(ErrorCode.replayed);
      const stale = bytesOf(
        rawEnvelope({
          sender_id: "sec-alice",
          recipient_id: "sec-bob",
          message_type: "request",
          correlation_id: "c-stale",
          timestamp: new Date(Date.now() - 3_600_000).toISOString(),
          payload: { request_type: "double", x: 1 },
        }),
      );
      const old = await refusedFor(() =>
        raw.publish("a2a/sec-bob/request", stale, {
          qos: 1,
          metadata: { "parley-kid": "k1", "parley-sig": signer("alice").sign(stale) },
        }),
      );
      expect(old.error.code).toBe(ErrorCode.replayed);
    });
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
