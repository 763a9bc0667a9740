/** Last Will, clean close and reconnection after a broker restart, on every broker. */
import { describe, expect, it } from "vitest";
import {
  ALL_BROKERS,
  bytes,
  createInbox,
  fence,
  text,
  uniqueId,
  useBroker,
  watchStatus,
} from "./mqtt-fixtures.js";

describe.each(ALL_BROKERS)("MQTT connection on $name", { timeout: 20_000 }, (kind) => {
  const transports = useBroker(kind);

  it("has the broker publish the Last Will when the connection dies, then reconnects", async () => {
    const id = uniqueId("victim");
    const willAddress = `a2a/_presence/${id}`;
    const observer = await transports.connected();
    const wills = createInbox();
    await observer.subscribe(willAddress, wills.deliver);

    const victim = transports.create();
    const status = watchStatus(victim);
    await victim.connect({
      clientId: id,
      will: { address: willAddress, bytes: bytes("gone"), retain: false },
    });
    victim.client?.stream.destroy(); // as a crash or a cut cable would

    expect(text(await wills.next())).toBe("gone");
    const lost = await status.next((s) => s.state === "disconnected");
    expect(lost.error?.message).toMatch(/^mqtt: connection to mqtt:\/\/127\.0\.0\.1:\d+ lost/);
    await status.next((s) => s.state === "connected" && s.resumed === true);
  });

  it("does not publish the Last Will on a clean close", async () => {
    const id = uniqueId("leaver");
    const willAddress = `a2a/_presence/${id}`;
    const observer = await transports.connected();
    const wills = createInbox();
    await observer.subscribe(willAddress, wills.deliver);

    const leaver = transports.create();
    const status = watchStatus(leaver);
    await leaver.connect({ clientId: id, will: { address: willAddress, bytes: bytes("gone") } });
    await leaver.close();
    await leaver.close(); // idempotent

    await fence(observer);
    expect(wills.messages).toEqual([]);
    expect(status.seen.map((s) => s.state)).toEqual(["connected", "closed"]);
    await expect(leaver.publish("a2a/x/y", bytes("late"))).rejects.toThrow(/closed/);
  });

  it("resubscribes after the broker restarts, reports it, and traffic flows again", async () => {
    const address = `a2a/${uniqueId("restart")}/request`;
    const sub = await transports.connected();
    const pub = await transports.connected();
    const inbox = createInbox();
    await sub.subscribe(address, inbox.deliver);
    const subStatus = watchStatus(sub);
    const pubStatus = watchStatus(pub);

    await transports.broker().restart();
    await Promise.all([
      subStatus.next((s) => s.state === "connected" && s.resumed === true),
      pubStatus.next((s) => s.state === "connected" && s.resumed === true),
    ]);
    const states = subStatus.seen.map((s) => s.state);
    expect(states.slice(0, 2)).toEqual(["disconnected", "reconnecting"]);
    expect(states.at(-1)).toBe("connected");

    await pub.publish(address, bytes("after restart"));
    expect(text(await inbox.next())).toBe("after restart");
  });

  it("resumes a persistent session without resubscribing, and receives what was queued meanwhile", async () => {
    const address = `a2a/${uniqueId("session")}/request`;
    const sub = transports.create({
      clean: false,
      ...(kind.protocolVersion === 5 ? { sessionExpirySeconds: 60 } : {}),
    });
    await sub.connect({ clientId: uniqueId("persistent") });
    const inbox = createInbox();
    await sub.subscribe(address, inbox.deliver, { qos: 1 });
    const pub = await transports.connected();
    const status = watchStatus(sub);
    const client = sub.client;
    const sentAfterDrop: string[] = [];
    client?.on("packetsend", (packet) => sentAfterDrop.push(packet.cmd));

    client?.stream.destroy();
    await status.next((s) => s.state === "disconnected");
    await pub.publish(address, bytes("while away"), { qos: 1 });

    expect(text(await inbox.next())).toBe("while away");
    await status.next((s) => s.state === "connected" && s.resumed === true);
    expect(sentAfterDrop).toContain("connect");
    expect(sentAfterDrop).not.toContain("subscribe");
  });

  it("rejects a publish while reconnecting instead of losing it silently", async () => {
    const transport = await transports.connected({ reconnectPeriodMs: 0 });
    const status = watchStatus(transport);
    transport.client?.stream.destroy();
    await status.next((s) => s.state === "disconnected");
    await expect(transport.publish("a2a/x/y", bytes("lost?"))).rejects.toThrow(/not connected/);
  });
});
