import { beforeAll, expect, it } from "vitest";
import { type Agent, type Envelope, ErrorCode, type ParleyError } from "../../src/index.js";
import type { RejectedMessage, Transport } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const badInput = conformanceSection("bad input", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  let victim: Agent;
  let client: Agent;
  let raw: Transport;
  const rejected: RejectedMessage[] = [];
  beforeAll(async () => {
    mesh = meshOf();
    victim = await mesh.agent("bi-victim", { maxMessageBytes: 4096 });
    victim.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
    victim.on("message:rejected", (r) => rejected.push(r));
    client = await mesh.agent("bi-client");
    raw = await mesh.raw("bi-attacker");
  });

  /** A well-formed request from the attacker to the victim. */
  const attackerRequest = (correlationId: string, payload: Envelope["payload"]) =>
    rawEnvelope({
      sender_id: "bi-attacker",
      message_type: "request",
      recipient_id: "bi-victim",
      correlation_id: correlationId,
      payload,
    });

  /** Sends bytes to the victim's request inbox and waits for its rejection event. */
  async function inject(bytes: Uint8Array): Promise<RejectedMessage> {
    const seen = rejected.length;
    await raw.publish("a2a/bi-victim/request", bytes, { qos: 1 });
    await eventually(() => rejected.length > seen, "the victim to reject the message");
    return rejected[seen] as RejectedMessage;
  }

  it.each([
    ["malformed JSON", bytesOf("{not json"), ErrorCode.malformed_message],
    ["invalid UTF-8", new Uint8Array([0xff, 0xfe, 0x7b]), ErrorCode.malformed_message],
    ["a JSON array", bytesOf([1, 2, 3]), ErrorCode.malformed_message],
    ["a missing key", bytesOf({ id: "x", sender_id: "bi-attacker" }), ErrorCode.malformed_message],
    [
      "an unknown envelope key",
      bytesOf({
        ...rawEnvelope({
          sender_id: "bi-attacker",
          message_type: "request",
          recipient_id: "bi-victim",
        }),
        extra: 1,
      }),
      ErrorCode.malformed_message,
    ],
    [
      "a wrong priority",
      bytesOf(
        rawEnvelope({
          sender_id: "bi-attacker",
          message_type: "request",
          recipient_id: "bi-victim",
          priority: 9 as 1,
        }),
      ),
      ErrorCode.malformed_message,
    ],
    [
      "a timestamp without an offset",
      bytesOf(
        rawEnvelope({
          sender_id: "bi-attacker",
          message_type: "request",
          recipient_id: "bi-victim",
          timestamp: "2026-01-01T00:00:00",
        }),
      ),
      ErrorCode.malformed_message,
    ],
    // Published to a2a/bi-victim/request: the envelope must say where it was sent.
    [
      "a message for another recipient",
      bytesOf(
        rawEnvelope({
          sender_id: "bi-attacker",
          message_type: "request",
          recipient_id: "bi-victi",
        }),
      ),
      ErrorCode.malformed_message,
    ],
    [
      "a message of another type than its address says",
      bytesOf(
        rawEnvelope({
          sender_id: "bi-attacker",
          message_type: "response",
          recipient_id: "bi-victim",
        }),
      ),
      ErrorCode.malformed_message,
    ],
    [
      "a broadcast sent to one agent",
      bytesOf(rawEnvelope({ sender_id: "bi-attacker", message_type: "request" })),
      ErrorCode.malformed_message,
    ],
    ["an oversized message", bytesOf({ junk: "x".repeat(5000) }), ErrorCode.payload_too_large],
  ])("refuses %s with a typed event and keeps serving", async (_what, bytes, code) => {
    const rejection = await inject(bytes);
    expect(rejection.error.code).toBe(code);
    await expect(client.request("bi-victim", "double", { x: 2 })).resolves.toEqual({ y: 4 });
  });

  it("tells the sender of a broken request what was wrong when it can tell who sent it", async () => {
    const inbox = await eavesdrop(raw, "a2a/bi-attacker/+");
    const broken = {
      ...rawEnvelope({
        sender_id: "bi-attacker",
        message_type: "request",
        recipient_id: "bi-victim",
        correlation_id: "c-broken",
      }),
      priority: "high",
    };
    await inject(bytesOf(broken));
    await eventually(() => inbox.envelopes().length > 0, "an error reply");
    const reply = inbox.envelopes()[0];
    expect(reply).toMatchObject({
      message_type: "response",
      correlation_id: "c-broken",
      sender_id: "bi-victim",
    });
    expect(reply?.payload).toMatchObject({ error: { code: ErrorCode.malformed_message } });
  });

  it("answers an oversized request with payload_too_large, to the sender named at its ends", async () => {
    const inbox = await eavesdrop(raw, "a2a/bi-attacker/+");
    const request = attackerRequest("c-oversized", {
      request_type: "double",
      x: 1,
      junk: "x".repeat(5000),
    });
    const rejection = await inject(bytesOf(request));
    expect(rejection.error.code).toBe(ErrorCode.payload_too_large);
    await eventually(
      () => inbox.envelopes().some((e) => e.correlation_id === "c-oversized"),
      "an error reply",
    );
    expect(
      inbox.envelopes().find((e) => e.correlation_id === "c-oversized")?.payload,
    ).toMatchObject({ error: { code: ErrorCode.payload_too_large, details: { limit: 4096 } } });
  });

  it("refuses to send a request or broadcast above its own maxMessageBytes, before publishing", async () => {
    let runs = 0;
    victim.handle("echo", (payload) => {
      runs++;
      return payload;
    });
    const small = await mesh.agent("bi-small-sender", { maxMessageBytes: 1024 });
    await expect(
      small.request("bi-victim", "echo", { text: "x".repeat(2000) }),
    ).rejects.toMatchObject({
      code: ErrorCode.payload_too_large,
      details: { limit: 1024 },
    });
    await expect(small.broadcast("news", { text: "x".repeat(2000) })).rejects.toMatchObject({
      code: ErrorCode.payload_too_large,
    });
    // The limit is on the whole envelope; a small request still goes through.
    await expect(small.request("bi-victim", "echo", { text: "hi" })).resolves.toEqual({
      text: "hi",
    });
    expect(runs).toBe(1);
  });

  it("tells the caller payload_too_large when a handler's response is above the responder's limit", async () => {
    victim.handle("too_big", () => ({ text: "x".repeat(5000) }));
    await expect(client.request("bi-victim", "too_big")).rejects.toMatchObject({
      code: ErrorCode.payload_too_large,
    });
  });

  it("refuses a request without a request_type with invalid_request", async () => {
    const inbox = await eavesdrop(raw, "a2a/bi-attacker/+");
    const request = attackerRequest("c-no-type", { x: 1 });
    const rejection = await inject(bytesOf(request));
    expect(rejection.error.code).toBe(ErrorCode.invalid_request);
    await eventually(
      () => inbox.envelopes().some((e) => e.correlation_id === "c-no-type"),
      "an error reply",
    );
  });

  it("rejects a forged response from a third party and still gets the real one", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    victim.handle<{ x: number }>("gated_double", async ({ x }) => {
      await gate;
      return { y: x * 2 };
    });
    const spoofed: RejectedMessage[] = [];
    const off = client.on("message:rejected", (r) => spoofed.push(r));
    const sniff = await eavesdrop(raw, "a2a/bi-victim/request");
    const result = client.request("bi-victim", "gated_double", { x: 5 }, { timeout: 5000 });
    await eventually(
      () => sniff.envelopes().some((e) => e.sender_id === "bi-client"),
      "the request on the wire",
    );
    const request = sniff.envelopes().find((e) => e.sender_id === "bi-client");
    const forged = rawEnvelope({
      sender_id: "bi-attacker",
      recipient_id: "bi-client",
      message_type: "response",
      correlation_id: request?.correlation_id ?? null,
      payload: { y: 666 },
    });
    await raw.publish("a2a/bi-client/response", bytesOf(forged), { qos: 1 });
    await eventually(
      () => spoofed.some((r) => r.error.code === ErrorCode.unauthorized),
      "the forgery to be reported",
    );
    release();
    await expect(result).resolves.toEqual({ y: 10 });
    off();
  });

  it("surfaces a seed-style error response (payload.error as a string) as remote_error", async () => {
    const sniff = await eavesdrop(raw, "a2a/bi-seedlike/request");
    const result = client
      .request("bi-seedlike", "anything", {}, { timeout: 5000 })
      .catch((e: unknown) => e);
    await eventually(() => sniff.envelopes().length > 0, "the request on the wire");
    const request = sniff.envelopes()[0];
    const reply = rawEnvelope({
      sender_id: "bi-seedlike",
      recipient_id: "bi-client",
      message_type: "response",
      correlation_id: request?.correlation_id ?? null,
      payload: { error: "Unsupported task type: x", request_type: "anything" },
    });
    const seedRaw = await mesh.raw("bi-seedlike");
    await seedRaw.publish("a2a/bi-client/response", bytesOf(reply), { qos: 1 });
    const error = (await result) as ParleyError;
    expect(error.code).toBe(ErrorCode.remote_error);
    expect(error.message).toBe("Unsupported task type: x");
  });
});
