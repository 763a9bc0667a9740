/**
 * A persistent session picked up by a new process (same client id, `clean: false`): the broker
 * sends what it queued right after CONNACK, before the new process has subscribed again, and the
 * transport keeps those messages for the subscriptions that follow instead of losing them.
 */
import { describe, expect, it } from "vitest";
import {
  ALL_BROKERS,
  bytes,
  createInbox,
  text,
  uniqueId,
  useBroker,
  watchStatus,
} from "./mqtt-fixtures.js";

describe.each(ALL_BROKERS)(
  "a persistent session resumed by a new process on $name",
  {
    timeout: 20_000,
  },
  (kind) => {
    const transports = useBroker(kind);
    const session = {
      clean: false,
      ...(kind.protocolVersion === 5 ? { sessionExpirySeconds: 60 } : {}),
    };

    it("hands what was queued while it was away to the subscription made after connecting", async () => {
      const clientId = uniqueId("restarted");
      const address = `a2a/${clientId}/request`;
      // The first process subscribes, then dies without a goodbye.
      const first = transports.create({ ...session, reconnectPeriodMs: 0 });
      await first.connect({ clientId });
      await first.subscribe(address, () => {}, { qos: 1 });
      const status = watchStatus(first);
      first.client?.stream.destroy();
      await status.next((s) => s.state === "disconnected");
      await first.close();

      const publisher = await transports.connected();
      for (const n of [1, 2, 3]) await publisher.publish(address, bytes(`queued ${n}`), { qos: 1 });

      const second = transports.create(session);
      await second.connect({ clientId });
      const inbox = createInbox();
      await second.subscribe(address, inbox.deliver, { qos: 1 });
      expect((await inbox.count(3)).map(text)).toEqual(["queued 1", "queued 2", "queued 3"]);
      await publisher.publish(address, bytes("live"), { qos: 1 });
      expect((await inbox.count(4)).map(text)).toEqual([
        "queued 1",
        "queued 2",
        "queued 3",
        "live",
      ]);
    });
  },
);
