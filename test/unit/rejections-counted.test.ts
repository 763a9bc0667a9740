/**
 * Every kind of refused input the docs list (docs/events.md, docs/errors.md) is reported once as
 * `message:rejected` and counted once in `stats().rejected`: the count is what monitoring reads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts } from "../../src/generated/contracts.js";
import { type Agent, createAgent, type Envelope, ErrorCode } from "../../src/index.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import type { InboundMessage, RejectedMessage, Transport } from "../../src/transport.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { bytesOf, rawEnvelope } from "../../testing/conformance/raw-envelope.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const keys = { client: generateSigningKeys(), mallory: generateSigningKeys() };
const trustStore = createTrustStore({
  "rc-client": { k1: keys.client.publicKey },
  "rc-mallory": { k1: keys.mallory.publicKey },
});
const signer = (who: keyof typeof keys) =>
  createEd25519Signer({ keyId: "k1", privateKey: keys[who].privateKey });

const network = createMemoryNetwork();
const agents: Agent[] = [];
const raws: Transport[] = [];
const events = new Map<Agent, RejectedMessage[]>();

async function agent(id: string, options: Record<string, unknown> = {}): Promise<Agent> {
  const made = createAgent({ id, transport: createMemoryTransport({ network }), ...options });
  const seen: RejectedMessage[] = [];
  made.on("message:rejected", (r) => seen.push(r));
  events.set(made, seen);
  made.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
  await made.connect();
  agents.push(made);
  return made;
}

async function raw(clientId: string): Promise<Transport> {
  const transport = createMemoryTransport({ network });
  await transport.connect({ clientId });
  raws.push(transport);
  return transport;
}

const now = () => new Date().toISOString();
/** Well before any expiry and outside the default replay window. */
const past = () => new Date(Date.now() - 3_600_000).toISOString();

function request(to: string, fields: Partial<Envelope> = {}): Uint8Array {
  return bytesOf(
    rawEnvelope({
      sender_id: "rc-mallory",
      recipient_id: to,
      message_type: "request",
      correlation_id: crypto.randomUUID(),
      timestamp: now(),
      payload: { request_type: "double", x: 1 },
      ...fields,
    }),
  );
}

function signed(bytes: Uint8Array, who: keyof typeof keys = "mallory"): Record<string, string> {
  return { "parley-kid": "k1", "parley-sig": signer(who).sign(bytes) };
}

describe("every refused message is emitted once and counted once", () => {
  let victim: Agent;
  let strict: Agent;
  let limited: Agent;
  let client: Agent;
  let mallory: Transport;

  beforeAll(async () => {
    victim = await agent("rc-victim", { maxMessageBytes: 4096, contracts });
    victim.on("system_update", () => {});
    victim.handle("knowledge_search", () => ({}));
    victim.handle("oversized_reply", () => ({ pad: "x".repeat(5000) }));
    strict = await agent("rc-strict", { requireSignatures: true, trustStore });
    limited = await agent("rc-limited", { maxRequestsPerSecondPerSender: 1 });
    client = await agent("rc-client", { signer: signer("client"), trustStore });
    mallory = await raw("rc-mallory");
  });

  afterAll(async () => {
    await Promise.allSettled(agents.map((a) => a.close()));
    await Promise.allSettled(raws.map((t) => t.close()));
  });

  /**
   * Publishes, waits for `target`'s rejection event, then a round trip from the client (delivery
   * is in order) so that a second event or count for the same message would have shown up.
   */
  async function refusal(
    target: Agent,
    publish: () => Promise<void>,
    barrier: () => Promise<unknown> = () => client.request(target.id, "double", { x: 1 }),
  ): Promise<{ events: RejectedMessage[]; counted: number }> {
    const seen = events.get(target) as RejectedMessage[];
    const eventsBefore = seen.length;
    const countBefore = target.stats().rejected;
    await publish();
    await eventually(() => seen.length > eventsBefore, `${target.id} to refuse the message`);
    await barrier();
    return { events: seen.slice(eventsBefore), counted: target.stats().rejected - countBefore };
  }

  const toVictim = (bytes: Uint8Array, metadata?: Record<string, string>) => () =>
    mallory.publish("a2a/rc-victim/request", bytes, metadata ? { metadata } : {});
  const broadcast =
    (payload: Envelope["payload"], fields: Partial<Envelope> = {}) =>
    () =>
      mallory.publish(
        "a2a/broadcast/broadcast",
        bytesOf(
          rawEnvelope({ sender_id: "rc-mallory", message_type: "broadcast", payload, ...fields }),
        ),
      );

  it.each([
    ["malformed", () => toVictim(bytesOf("{not json")), ErrorCode.malformed_message],
    [
      "oversized",
      () =>
        toVictim(
          request("rc-victim", { payload: { request_type: "double", pad: "x".repeat(5000) } }),
        ),
      ErrorCode.payload_too_large,
    ],
    [
      "misaddressed",
      () => () =>
        mallory.publish(
          "a2a/rc-victim/request",
          bytesOf(
            rawEnvelope({
              sender_id: "rc-mallory",
              message_type: "broadcast",
              payload: { broadcast_type: "news" },
            }),
          ),
        ),
      ErrorCode.malformed_message,
    ],
    [
      "expired request",
      () => toVictim(request("rc-victim", { expires_at: past() })),
      ErrorCode.expired,
    ],
    [
      "unknown request type",
      () => toVictim(request("rc-victim", { payload: { request_type: "nope" } })),
      ErrorCode.unknown_request_type,
    ],
    [
      "request without a request_type",
      () => toVictim(request("rc-victim", { payload: {} })),
      ErrorCode.invalid_request,
    ],
    [
      "request breaking its contract",
      () => toVictim(request("rc-victim", { payload: { request_type: "knowledge_search" } })),
      ErrorCode.invalid_request,
    ],
    [
      "invalid broadcast",
      () => broadcast({ broadcast_type: "system_update", update_type: 1 }),
      ErrorCode.invalid_request,
    ],
    [
      "expired broadcast",
      () =>
        broadcast(
          { broadcast_type: "system_update", update_type: "x", details: "y" },
          { expires_at: past() },
        ),
      ErrorCode.expired,
    ],
    [
      "a reply it could not send",
      () => toVictim(request("rc-victim", { payload: { request_type: "oversized_reply" } })),
      ErrorCode.payload_too_large,
    ],
  ])("on the victim: %s", async (_name, publish, code) => {
    const { events: got, counted } = await refusal(victim, publish());
    expect(got.map((r) => r.error.code)).toEqual([code]);
    expect(counted).toBe(1);
  });

  it.each([
    ["unsigned", () => request("rc-strict"), undefined, ErrorCode.unauthorized],
    [
      "spoofed sender",
      () => request("rc-strict", { sender_id: "rc-client" }),
      "mallory" as const,
      ErrorCode.unauthorized,
    ],
    [
      "replayed (outside the window)",
      () => request("rc-strict", { timestamp: past() }),
      "mallory" as const,
      ErrorCode.replayed,
    ],
  ])("where signatures are required: %s", async (_name, bytesFor, signedBy, code) => {
    const bytes = bytesFor();
    const metadata = signedBy ? signed(bytes, signedBy) : undefined;
    const { events: got, counted } = await refusal(strict, () =>
      mallory.publish("a2a/rc-strict/request", bytes, metadata ? { metadata } : {}),
    );
    expect(got.map((r) => r.error.code)).toEqual([code]);
    expect(counted).toBe(1);
  });

  it("where signatures are required: replayed (seen before)", async () => {
    const note = bytesOf(
      rawEnvelope({
        sender_id: "rc-mallory",
        message_type: "broadcast",
        timestamp: now(),
        payload: { broadcast_type: "note" },
      }),
    );
    const metadata = signed(note);
    const { events: got, counted } = await refusal(strict, async () => {
      await mallory.publish("a2a/broadcast/broadcast", note, { metadata });
      await mallory.publish("a2a/broadcast/broadcast", note, { metadata });
    });
    expect(got.map((r) => r.error.code)).toEqual([ErrorCode.replayed]);
    expect(counted).toBe(1);
  });

  it("shed from a full backlog", async () => {
    const busy = await agent("rc-busy", { concurrency: 1, maxQueue: 1 });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    busy.handle("hold", () => held.then(() => ({})));
    const hold = () => request("rc-busy", { payload: { request_type: "hold" } });
    const { events: got, counted } = await refusal(
      busy,
      async () => {
        // One runs, one waits, the third does not fit.
        for (const bytes of [hold(), hold(), hold()])
          await mallory.publish("a2a/rc-busy/request", bytes, {});
      },
      async () => {
        release();
        await eventually(() => busy.stats().load === 0, "the held requests to finish");
        await client.request("rc-busy", "double", { x: 1 });
      },
    );
    expect(got.map((r) => r.error.code)).toEqual([ErrorCode.overloaded]);
    expect(counted).toBe(1);
  });

  it("rate-limited", async () => {
    const first = request("rc-limited");
    const second = request("rc-limited");
    const { events: got, counted } = await refusal(limited, async () => {
      await mallory.publish("a2a/rc-limited/request", first, {});
      await mallory.publish("a2a/rc-limited/request", second, {});
    });
    expect(got.map((r) => r.error.code)).toEqual([ErrorCode.overloaded]);
    expect(counted).toBe(1);
  });

  it("a response from another agent than the one asked", async () => {
    const asked: Envelope[] = [];
    await mallory.subscribe("a2a/rc-silent/request", (m: InboundMessage) => {
      asked.push(JSON.parse(new TextDecoder().decode(m.bytes)) as Envelope);
    });
    const pending = client.request("rc-silent", "double", { x: 1 }, { timeout: 60_000 });
    pending.catch(() => {});
    await eventually(() => asked.length > 0, "the request to reach rc-silent");
    const correlationId = (asked[0] as Envelope).correlation_id;
    const forged = bytesOf(
      rawEnvelope({
        sender_id: "rc-mallory",
        recipient_id: "rc-client",
        message_type: "response",
        correlation_id: correlationId,
        timestamp: now(),
        payload: { y: 99 },
      }),
    );
    const { events: got, counted } = await refusal(
      client,
      () => mallory.publish("a2a/rc-client/response", forged, {}),
      () => client.request("rc-victim", "double", { x: 1 }),
    );
    expect(got.map((r) => r.error.code)).toEqual([ErrorCode.unauthorized]);
    expect(counted).toBe(1);
  });
});
