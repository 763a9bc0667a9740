/**
 * TLS on NATS: the transport's `tls` option reaches nats.js. A private nats-server requires TLS and
 * a client certificate signed by a throw-away CA; an agent that trusts the CA exchanges a request,
 * one that does not fails to connect with one clear line.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createAgent } from "../../src/index.js";
import { createNatsTransport, type NatsTransportOptions } from "../../transports/nats/index.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";
import { createTestCertificates, type TestCertificates } from "../harness/tls-certificates.js";

describe("NATS over TLS on nats-server", { timeout: 20_000 }, () => {
  let certificates: TestCertificates;
  let server: NatsServer;

  beforeAll(async () => {
    certificates = await createTestCertificates();
    server = await startNatsServer({
      extraArgs: [
        "--tls",
        "--tlscert",
        certificates.serverCertFile,
        "--tlskey",
        certificates.serverKeyFile,
        "--tlscacert",
        certificates.caFile,
        "--tlsverify",
      ],
    });
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await certificates?.remove();
  });

  /** A connected agent on the TLS server; closed when the test ends. */
  async function agent(id: string, tls: NonNullable<NatsTransportOptions["tls"]>) {
    const made = createAgent({
      id,
      transport: createNatsTransport({ url: server.url, tls }),
      heartbeatIntervalMs: 0,
    });
    onTestFinished(() => made.close());
    await made.connect();
    return made;
  }

  it("connects with the CA and a client certificate, and exchanges a request", async () => {
    const material = {
      ca: certificates.ca,
      cert: certificates.clientCert,
      key: certificates.clientKey,
    };
    const worker = await agent("tls-worker", material);
    worker.handle<{ n: number }>("double", ({ n }) => ({ n: n * 2 }));
    const caller = await agent("tls-caller", material);
    expect(await caller.request("tls-worker", "double", { n: 21 })).toEqual({ n: 42 });
  });

  it("fails to connect without the CA, with one line naming the server and the certificate", async () => {
    const transport = createNatsTransport({
      url: server.url,
      tls: { cert: certificates.clientCert, key: certificates.clientKey },
      maxReconnectAttempts: 0,
    });
    onTestFinished(() => transport.close());
    const error = (await transport
      .connect({ clientId: "untrusting" })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(
      /^nats transport could not connect to nats:\/\/127\.0\.0\.1:\d+: unable to verify the first certificate$/,
    );
  });
});
