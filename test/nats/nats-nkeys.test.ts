/** NATS nkey and creds-file authentication pass through the transport's `authenticator` to real servers. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { credsAuthenticator, nkeyAuthenticator, nkeys } from "@nats-io/nats-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { createNatsTrustChain } from "../harness/nats-jwt.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";

const user = nkeys.createUser();
const stranger = nkeys.createUser();
let dir: string;
let server: NatsServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-nkeys-"));
  const config = join(dir, "server.conf");
  writeFileSync(config, `authorization { users = [ { nkey: "${user.getPublicKey()}" } ] }\n`);
  server = await startNatsServer({ extraArgs: ["-c", config] });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("connects agents that hold the trusted nkey seed, and they talk", async () => {
  const auth = () => nkeyAuthenticator(user.getSeed());
  const a = createAgent({
    id: "nk-a",
    transport: createNatsTransport({ url: server.url, authenticator: auth() }),
  });
  const b = createAgent({
    id: "nk-b",
    transport: createNatsTransport({ url: server.url, authenticator: auth() }),
  });
  b.handle("ping", () => ({ pong: true }));
  await b.connect();
  await a.connect();
  await expect(a.request("nk-b", "ping")).resolves.toEqual({ pong: true });
  await a.close();
  await b.close();
});

it("refuses an unknown nkey with a one-line error", async () => {
  const transport = createNatsTransport({
    url: server.url,
    authenticator: nkeyAuthenticator(stranger.getSeed()),
  });
  const error = (await transport
    .connect({ clientId: "nk-stranger" })
    .catch((e: unknown) => e)) as Error;
  expect(error.message).toMatch(/authorization violation/i);
  expect(error.message.split("\n")).toHaveLength(1);
});

it("connects an agent with a creds file (JWT + seed) to a server in operator mode", async () => {
  const chain = createNatsTrustChain("parley-agent");
  const config = join(dir, "operator.conf");
  writeFileSync(config, chain.serverConfig);
  const operatorServer = await startNatsServer({ extraArgs: ["-c", config] });
  try {
    const creds = new TextEncoder().encode(chain.creds);
    const a = createAgent({
      id: "cr-a",
      transport: createNatsTransport({
        url: operatorServer.url,
        authenticator: credsAuthenticator(creds),
      }),
    });
    const b = createAgent({
      id: "cr-b",
      transport: createNatsTransport({
        url: operatorServer.url,
        authenticator: credsAuthenticator(creds),
      }),
    });
    b.handle("ping", () => ({ pong: true }));
    await b.connect();
    await a.connect();
    await expect(a.request("cr-b", "ping")).resolves.toEqual({ pong: true });
    await a.close();
    await b.close();
    const anonymous = createNatsTransport({ url: operatorServer.url });
    await expect(anonymous.connect({ clientId: "cr-anon" })).rejects.toThrow(
      /authorization violation/i,
    );
  } finally {
    await operatorServer.stop();
  }
});
