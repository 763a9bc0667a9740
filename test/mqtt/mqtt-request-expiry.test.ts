/**
 * A request over MQTT 5 carries its `expires_at` as the message expiry interval, so the broker
 * drops a request nobody took in time: a recipient that comes back to its persistent session
 * gets what was queued for it, except a request that expired while it was away.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Agent, createAgent, isParleyError } from "../../src/index.js";
import type { Transport } from "../../src/transport.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import type { MqttTransportOptions } from "../../transports/mqtt/mqtt-transport-options.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { watchStatus } from "./mqtt-fixtures.js";
import { listenOnWire, payloadOf, type WirePacket } from "./wire-listener.js";

/**
 * The expiry interval the request should carry: the seconds from its timestamp to its expires_at,
 * rounded up. The broker forwards what is left, counted in its own whole seconds, so a listener
 * may see one second less when the broker's clock ticked between receiving and forwarding.
 */
function expectedIntervals(packet: WirePacket): number[] {
  const envelope = packet.envelope ?? {};
  const ms = Date.parse(String(envelope.expires_at)) - Date.parse(String(envelope.timestamp));
  const seconds = Math.ceil(ms / 1000);
  return [seconds - 1, seconds];
}

describe("request expiry on mosquitto (MQTT 5)", { timeout: 20_000 }, () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startMosquittoBroker();
  }, 30_000);
  afterAll(() => broker?.stop());

  const mqtt = (options: Partial<MqttTransportOptions> = {}) =>
    createMqttTransport({ url: broker.url, protocolVersion: 5, ...options });
  function agent(id: string, transport: Transport = mqtt()): Agent {
    const made = createAgent({ id, transport, heartbeatIntervalMs: 0 });
    onTestFinished(() => made.close());
    return made;
  }
  async function listen(patterns: string[]) {
    const wire = await listenOnWire(broker.url, patterns);
    onTestFinished(() => wire.close());
    return wire;
  }
  const ofType = (type: string) => (packet: WirePacket) => payloadOf(packet).request_type === type;
  const settled = (request: Promise<unknown>) => request.catch(() => {});

  it("carries the time left until expires_at: the timeout by default, expiresAt when given", async () => {
    const wire = await listen(["a2a/exp-absent/request"]);
    const caller = agent("exp-caller");
    await caller.connect();
    void settled(caller.request("exp-absent", "by-timeout", {}, { timeout: 20_000 }));
    const expiresAt = new Date(Date.now() + 45_000);
    void settled(caller.request("exp-absent", "by-date", {}, { timeout: 5_000, expiresAt }));

    const byTimeout = await wire.next(ofType("by-timeout"));
    expect(expectedIntervals(byTimeout)).toEqual([19, 20]);
    expect(expectedIntervals(byTimeout)).toContain(byTimeout.messageExpiryInterval);
    const byDate = await wire.next(ofType("by-date"));
    expect(byDate.envelope?.expires_at).toBe(expiresAt.toISOString().replace("Z", "+00:00"));
    expect(expectedIntervals(byDate)).toContain(byDate.messageExpiryInterval);
    expect(byDate.messageExpiryInterval).toBeGreaterThanOrEqual(43);
  });

  it("is dropped by the broker when it expires while the recipient is away with a persistent session", async () => {
    const session = { clean: false, sessionExpirySeconds: 600 };
    const runs: string[] = [];
    const serve = (worker: Agent) => {
      for (const type of ["stale", "fresh"]) {
        worker.handle(type, () => {
          runs.push(type);
          return {};
        });
      }
    };
    // First run: the broker learns the worker's session and inbox subscription, then the
    // connection dies for good, as when the process is killed.
    const transport = mqtt({ ...session, reconnectPeriodMs: 0 });
    const away = agent("exp-sleeper", transport);
    serve(away);
    await away.connect();
    const status = watchStatus(transport);
    transport.client?.stream.destroy();
    await status.next((s) => s.state === "disconnected");
    await away.close();

    const wire = await listen(["a2a/exp-sleeper/request"]);
    const caller = agent("exp-sender");
    await caller.connect();
    // Expires after 1 s for the broker. The caller waits 3 s: longer than mosquitto, counting
    // whole seconds, takes to count it expired (at most 2 s).
    const stale = caller.request(
      "exp-sleeper",
      "stale",
      {},
      { timeout: 3_000, expiresAt: new Date(Date.now() + 1_000) },
    );
    const fresh = caller.request("exp-sleeper", "fresh", {}, { timeout: 15_000 });
    expect((await wire.next(ofType("stale"))).messageExpiryInterval).toBe(1);
    await wire.next(ofType("fresh"));
    const staleError = await stale.catch((e: unknown) => e);
    expect(isParleyError(staleError) && staleError.code).toBe("timeout");

    // The process starts again: same id, same session. What was queued arrives, minus the stale one.
    const back = agent("exp-sleeper", mqtt(session));
    serve(back);
    const refused: unknown[] = [];
    back.on("message:rejected", ({ envelope }) => refused.push(envelope?.payload.request_type));
    await back.connect();
    expect(await fresh).toEqual({});
    expect(runs).toEqual(["fresh"]);
    // Had the broker delivered it, the agent itself would have refused it as expired.
    expect(refused).toEqual([]);
  });
});
