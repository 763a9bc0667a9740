/**
 * `--ca`, `--cert` and `--key`: agents, call and watch reach a broker that requires TLS with a
 * client certificate from a private CA (mosquitto over mqtts://, nats-server with --tlsverify).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { startNatsServer } from "../harness/nats-server.js";
import { repoPath } from "../harness/seed-python.js";
import { createTestCertificates, type TestCertificates } from "../harness/tls-certificates.js";
import { type CliBroker, startWorker } from "./cli-fixtures.js";
import { runParley, startParley, stderrLines } from "./parley-process.js";

/** Brokers that accept only TLS clients with a certificate signed by the test CA. */
const tlsBrokers: readonly { name: string; start(c: TestCertificates): Promise<CliBroker> }[] = [
  {
    name: "mosquitto (mqtts://)",
    async start(c) {
      const broker = await startMosquitto({
        config: [
          `cafile ${c.caFile}`,
          `certfile ${c.serverCertFile}`,
          `keyfile ${c.serverKeyFile}`,
          "require_certificate true",
        ],
      });
      const url = `mqtts://127.0.0.1:${broker.port}`;
      const tls = { ca: c.ca, cert: c.clientCert, key: c.clientKey };
      return { url, transport: () => createMqttTransport({ url, ...tls }), stop: broker.stop };
    },
  },
  {
    name: "nats-server (TLS)",
    async start(c) {
      const server = await startNatsServer({
        extraArgs: [
          ...["--tlsverify", "--tlscacert", c.caFile],
          ...["--tlscert", c.serverCertFile, "--tlskey", c.serverKeyFile],
        ],
      });
      const tls = { ca: c.ca, cert: c.clientCert, key: c.clientKey };
      return {
        url: server.url,
        transport: () => createNatsTransport({ url: server.url, tls }),
        stop: server.stop,
      };
    },
  },
];

describe.each(tlsBrokers)("TLS from the command line on $name", { timeout: 30_000 }, (kind) => {
  let certificates: TestCertificates;
  let broker: CliBroker;
  let worker: Agent;
  let tlsArgs: string[];
  beforeAll(async () => {
    certificates = await createTestCertificates();
    broker = await kind.start(certificates);
    worker = await startWorker(broker);
    const { dir } = certificates;
    tlsArgs = [
      ...["--ca", certificates.caFile],
      ...["--cert", join(dir, "client.crt"), "--key", join(dir, "client.key")],
    ];
  }, 30_000);
  afterAll(async () => {
    await worker?.close();
    await broker?.stop();
    await certificates?.remove();
  });
  const callDouble = (...extra: string[]) =>
    runParley([
      "call",
      ...["--url", broker.url, ...extra, "--to", "worker", "--type", "double"],
      ...["--data", '{"x":3}', "--json"],
    ]);

  it("parley agents lists the agents behind TLS", async () => {
    const result = await runParley(["agents", "--url", broker.url, ...tlsArgs, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ id: "worker" })]);
  });

  it("parley call gets its response, and parley watch shows the exchange", async () => {
    const watch = startParley(["watch", "--url", broker.url, ...tlsArgs]);
    await watch.waitForLine("stderr", /watching a2a\/#/);
    const result = await callDouble(...tlsArgs);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"y":6}\n');
    await watch.waitForLine("stdout", /-> worker\s+request\s+double/);
    await watch.waitForLine("stdout", /worker -> parley-cli-\S+\s+response\s+double/);
  });

  it("fails in one line, exit 1, without the CA that signed the broker's certificate", async () => {
    const { dir } = certificates;
    const result = await callDouble(
      ...["--cert", join(dir, "client.crt"), "--key", join(dir, "client.key")],
    );
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toEqual([expect.stringMatching(/^parley call: .*certificate/i)]);
  });
});

describe("TLS options on the command line", () => {
  it.each([
    [["--cert", "c.pem"], "parley agents: --cert and --key must be given together"],
    [
      ["--ca", "/nonexistent/ca.pem"],
      "parley agents: --ca: cannot read /nonexistent/ca.pem (ENOENT)",
    ],
  ])("refuses %j with exit 2 and one line", async (extra, expected) => {
    const result = await runParley(["agents", "--url", "mqtts://127.0.0.1:1", ...extra]);
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([`${expected} (see "parley agents --help")`]);
  });

  it("refuses TLS files for a scheme whose transport cannot take them", async () => {
    const anyFile = repoPath("package.json"); // refused for the scheme, whatever it holds
    const result = await runParley(["watch", ...["--url", "mqtt://127.0.0.1:1", "--ca", anyFile]]);
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      'parley watch: --ca, --cert and --key apply to mqtts:// and nats:// only, not mqtt: (see "parley watch --help")',
    ]);
  });
});
