/**
 * The conformance suite's "security" section: signing needs metadata, an agent that signs still
 * serves unsigned peers, redelivered requests run once, and the per-sender rate limit;
 * security-signatures.ts holds the tests with signatures required.
 */
import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { signer, trustStore } from "./security-keys.js";
import { signaturesRequired } from "./security-signatures.js";
import { useMesh } from "./suite-setup.js";

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

  signaturesRequired(meshOf);

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
