/**
 * The seed's dataclass defaults `correlation_id` and `expires_at` to None, so a message may leave
 * them out. Parley reads them as null: such requests are each handled (no two of them mistaken
 * for one redelivered request) and never treated as expired.
 */
import { expect, it } from "vitest";
import { eavesdrop, eventually } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const omittedKeys = conformanceSection("omitted optional keys", (target) => {
  const meshOf = useMesh(target);

  it("handles each request that leaves out correlation_id and expires_at", async () => {
    const mesh = meshOf();
    const server = await mesh.agent("ok-server");
    let runs = 0;
    server.handle<{ x: number }>("double", ({ x }) => {
      runs++;
      return { y: x * 2 };
    });
    const raw = await mesh.raw("ok-seedlike");
    const inbox = await eavesdrop(raw, "a2a/ok-seedlike/response");
    for (const x of [1, 2]) {
      const {
        correlation_id: _c,
        expires_at: _e,
        ...envelope
      } = rawEnvelope({
        sender_id: "ok-seedlike",
        recipient_id: "ok-server",
        message_type: "request",
        timestamp: new Date().toISOString().replace("Z", "+00:00"),
        payload: { request_type: "double", x },
      });
      await raw.publish("a2a/ok-server/request", bytesOf(envelope), { qos: 1 });
    }
    await eventually(() => inbox.envelopes().length === 2, "both replies");
    expect(runs).toBe(2);
    expect(inbox.envelopes().map((e) => e.payload)).toEqual([{ y: 2 }, { y: 4 }]);
  });
});
