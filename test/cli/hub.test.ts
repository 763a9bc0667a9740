/** `parley hub`: the WebSocket hub on the command line, alone and bridged to mosquitto. */
import { afterEach, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { runParley, startParley } from "./parley-process.js";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {});
});

it("runs a hub that agents reach with ws:// URLs, checks tokens, and exits 0 on SIGTERM", async () => {
  const hub = startParley(["hub", "--port", "0", "--token", "s3cret"]);
  const line = await hub.waitForLine("stdout", /listening/);
  const url = /^parley hub listening on (ws:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1] as string;
  expect(url).toBeDefined();
  const worker = createAgent({
    id: "hub-worker",
    transport: createWebSocketTransport({ url, token: "s3cret" }),
  });
  closers.push(() => worker.close());
  worker.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
  await worker.connect();

  const call = await runParley([
    "call",
    "--url",
    `${url}?token=s3cret`,
    "--to",
    "hub-worker",
    "--type",
    "double",
    "--data",
    '{"x":4}',
    "--json",
  ]);
  expect(call.stdout).toBe('{"y":8}\n');
  const refused = await runParley(["agents", "--url", `${url}?token=wrong`]);
  expect(refused.code).toBe(1);

  await worker.close();
  hub.child.kill("SIGTERM");
  expect((await hub.exited).code).toBe(0);
});

it("bridges to an MQTT broker, so an agent on the hub and one on mosquitto talk", async () => {
  const broker = await startMosquitto();
  closers.push(() => broker.stop());
  const mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
  const hub = startParley(["hub", "--port", "0", "--bridge", mqttUrl]);
  closers.push(async () => {
    hub.child.kill("SIGTERM");
    await hub.exited;
  });
  const line = await hub.waitForLine("stdout", /listening/);
  expect(line).toContain(`bridged to ${mqttUrl}`);
  const url = /(ws:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] as string;
  const onMqtt = createAgent({ id: "on-mqtt", transport: createMqttTransport({ url: mqttUrl }) });
  const onHub = createAgent({ id: "on-hub", transport: createWebSocketTransport({ url }) });
  closers.push(
    () => onMqtt.close(),
    () => onHub.close(),
  );
  onMqtt.handle("where", () => ({ on: "mqtt" }));
  onHub.handle("where", () => ({ on: "hub" }));
  await onMqtt.connect();
  await onHub.connect();
  await expect(onHub.request("on-mqtt", "where")).resolves.toEqual({ on: "mqtt" });
  await expect(onMqtt.request("on-hub", "where")).resolves.toEqual({ on: "hub" });
});
