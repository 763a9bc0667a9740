/**
 * A reply whose publish fails while the connection is down, with the connection back before the
 * failure is handled (a broker restarting with a persistent session delivers queued requests in
 * the same moment the agent sees itself connected again): the reply still goes out.
 * A scripted transport, so the order of those events is exact.
 */
import { expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import type { RejectedMessage } from "../../src/transport.js";
import {
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  MessageType,
} from "../../src/transport.js";
import type {
  Deliver,
  Transport,
  TransportFeatures,
  TransportStatus,
} from "../../transports/transport.js";

function scriptedTransport() {
  const delivers = new Map<string, Deliver>();
  const statusListeners = new Set<(s: TransportStatus) => void>();
  const published: { address: string; bytes: Uint8Array }[] = [];
  let online = true;
  const features: TransportFeatures = {
    retained: false,
    lastWill: false,
    groups: false,
    metadata: false,
    expiry: false,
  };
  const transport: Transport = {
    name: "scripted",
    features,
    connect: async () => {},
    close: async () => {},
    async publish(address, bytes) {
      if (!online) throw new Error("scripted: offline");
      published.push({ address, bytes });
    },
    async subscribe(pattern, deliver) {
      delivers.set(pattern, deliver);
      return { unsubscribe: async () => void delivers.delete(pattern) };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  const status = (s: TransportStatus) => {
    online = s.state === "connected";
    for (const l of statusListeners) l(s);
  };
  return { transport, delivers, published, status };
}

it("sends a reply that failed while disconnected once the connection is back", async () => {
  const { transport, delivers, published, status } = scriptedTransport();
  const server = createAgent({ id: "rr-server", transport, heartbeatIntervalMs: 0 });
  const rejected: RejectedMessage[] = [];
  server.on("message:rejected", (r) => rejected.push(r));
  server.handle<{ n: number }>("double", ({ n }) => ({ n: n * 2 }));
  await server.connect();
  const inbox = delivers.get("a2a/rr-server/+");
  expect(inbox).toBeDefined();
  const request = createEnvelope({
    sender_id: "rr-client",
    recipient_id: "rr-server",
    message_type: MessageType.request,
    payload: { request_type: "double", n: 21 },
    correlation_id: "c-1",
    expires_at: new Date(Date.now() + 10_000),
  });
  status({ state: "reconnecting" });
  // Delivered while the agent is still offline; the connection is back in the same moment.
  inbox?.({
    address: "a2a/rr-server/request",
    bytes: encodeEnvelope(request),
    metadata: {},
    retained: false,
  });
  status({ state: "connected", resumed: true });
  await new Promise((r) => setTimeout(r, 20));
  const replies = published
    .filter((p) => p.address === "a2a/rr-client/response")
    .map((p) => decodeEnvelope(p.bytes));
  expect(replies).toHaveLength(1);
  expect(replies[0]).toMatchObject({
    ok: true,
    envelope: { correlation_id: "c-1", payload: { n: 42 } },
  });
  expect(rejected).toEqual([]);
  await server.close();
});
