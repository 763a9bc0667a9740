/**
 * The security section's redelivery tests with signatures required: a signed request delivered
 * again runs once, and a replay its bounded cache forgot is still refused.
 */
import { beforeAll, expect, it } from "vitest";
import { ErrorCode } from "../../src/index.js";
import type { RejectedMessage } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { signedRaw, signedRequest, signer, trustStore } from "./security-keys.js";

/** Registers the redelivery tests inside "with signatures required", on the section's mesh. */
export function signedRedelivery(meshOf: () => Mesh): void {
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
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
}
