/**
 * Broker authentication and the README's ACL (docs/mosquitto-acl.conf) on a private mosquitto:
 * agents log in with their own user, anonymous clients and wrong passwords are refused, an agent
 * cannot read another's inbox nor overwrite another's presence card.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import type { InboundMessage, Transport } from "../../src/transport.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { repoPath } from "../harness/seed-python.js";

const USERS = { "acl-alice": "alice-pw", "acl-bob": "bob-pw", "acl-mallory": "mallory-pw" };
let dir: string;
let broker: BrokerProcess;
let url: string;
const opened: { close(): Promise<void> }[] = [];

function agent(id: keyof typeof USERS): Agent {
  const a = createAgent({
    id,
    transport: createMqttTransport({ url, username: id, password: USERS[id] }),
    heartbeatIntervalMs: 0,
  });
  opened.push(a);
  return a;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-acl-"));
  const passwords = join(dir, "passwords");
  writeFileSync(passwords, "");
  for (const [user, password] of Object.entries(USERS)) {
    const run = spawnSync("mosquitto_passwd", ["-b", passwords, user, password], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`mosquitto_passwd failed: ${run.stderr}`);
  }
  // mosquitto drops to user "mosquitto" before it reads the files.
  chmodSync(dir, 0o755);
  chmodSync(passwords, 0o644);
  broker = await startMosquitto({
    config: [
      "allow_anonymous false",
      `password_file ${passwords}`,
      `acl_file ${repoPath("docs/mosquitto-acl.conf")}`,
    ],
  });
  url = `mqtt://127.0.0.1:${broker.port}`;
});

afterAll(async () => {
  await Promise.allSettled(opened.map((o) => o.close()));
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("lets agents with their own credentials work together", async () => {
  const alice = agent("acl-alice");
  const bob = agent("acl-bob");
  bob.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
  await bob.connect();
  await alice.connect();
  await expect(alice.request("acl-bob", "double", { x: 21 })).resolves.toEqual({ y: 42 });
  await eventually(
    () => alice.directory.get("acl-bob")?.status === "online",
    "bob's presence card or announcement",
  );
});

it("refuses anonymous clients and wrong passwords with a clear error", async () => {
  const anonymous = createMqttTransport({ url });
  await expect(anonymous.connect({ clientId: "acl-anon" })).rejects.toThrow(/not authori[sz]ed/i);
  const wrong = createMqttTransport({ url, username: "acl-bob", password: "guess" });
  await expect(wrong.connect({ clientId: "acl-wrong" })).rejects.toThrow(
    /not authori[sz]ed|bad user name or password/i,
  );
});

it("keeps mallory out of bob's inbox and off bob's presence card", async () => {
  const alice = opened.find((o): o is Agent => (o as Agent).id === "acl-alice") as Agent;
  const mallory: Transport = createMqttTransport({
    url,
    username: "acl-mallory",
    password: USERS["acl-mallory"],
  });
  opened.push(mallory);
  await mallory.connect({ clientId: "acl-mallory" });
  const stolen: InboundMessage[] = [];
  await mallory
    .subscribe("a2a/acl-bob/+", (m) => stolen.push(m), { qos: 1 })
    .catch(() => undefined);
  const broadcasts: InboundMessage[] = [];
  await mallory.subscribe("a2a/broadcast/+", (m) => broadcasts.push(m), { qos: 1 });
  // A forged "bob is gone" card must not reach alice.
  await expect(
    mallory.publish("a2a/_presence/acl-bob", new Uint8Array(0), { retain: true, qos: 1 }),
  ).rejects.toThrow(/not authorized/i);
  await expect(alice.request("acl-bob", "double", { x: 2 })).resolves.toEqual({ y: 4 });
  // A broadcast after the request: once mallory has it, the broker has routed everything before.
  await alice.broadcast("acl_sentinel", {});
  await eventually(
    () => broadcasts.some((m) => new TextDecoder().decode(m.bytes).includes("acl_sentinel")),
    "the sentinel",
  );
  expect(stolen).toEqual([]);
  expect(alice.directory.get("acl-bob")?.status).toBe("online");
});
