/** `parley broker`: the embedded broker agents can use, stopped cleanly by SIGTERM. */
import { createServer, type Server } from "node:net";
import { afterEach, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { runParley, startParley, stderrLines } from "./parley-process.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

it("prints its URL, carries a request between two agents, and exits 0 on SIGTERM", async () => {
  const broker = startParley(["broker", "--port", "0"]);
  const line = await broker.waitForLine("stdout", /listening/);
  const url = /^parley broker listening on (mqtt:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
  expect(url).toBeDefined();

  const worker = createAgent({ id: "worker", transport: createMqttTransport({ url: url! }) });
  const boss = createAgent({ id: "boss", transport: createMqttTransport({ url: url! }) });
  closers.push(
    () => boss.close(),
    () => worker.close(),
  );
  worker.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
  await worker.connect();
  await boss.connect();
  await expect(boss.request("worker", "double", { x: 21 })).resolves.toEqual({ y: 42 });
  await boss.close();
  await worker.close();

  broker.child.kill("SIGTERM");
  const result = await broker.exited;
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
});

it("says in one line that the port is in use, and exits 1", async () => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  const result = await runParley(["broker", "--port", String(port)]);
  expect(result.code).toBe(1);
  expect(stderrLines(result)).toHaveLength(1);
  expect(result.stderr).toMatch(new RegExp(`^parley broker: port ${port} is in use`));
  expect(result.stdout).toBe("");
});
