import { beforeAll, describe, expect, it } from "vitest";
import type { ContractSet } from "../../src/contracts.js";
import { ErrorCode, ParleyError } from "../../src/index.js";
import type { Interceptor, OutboundCall } from "../../src/interceptors.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import { eventually, type Mesh } from "../../testing/conformance/mesh.js";
import { useMesh } from "../../testing/conformance/suite-setup.js";
import { targets } from "./targets.js";

/** A contract that marks `rt_lookup` idempotent; no validation. */
const contracts: ContractSet = {
  requests: {
    rt_lookup: {
      name: "rt_lookup",
      version: "1",
      hash: "h",
      idempotent: true,
      validateRequest: () => [],
      validateResponse: () => [],
    },
  },
  broadcasts: {},
};

/** Records each attempt as interceptors see it: number, message id, when, and how it ended. */
type Attempt = OutboundCall & { at: number; outcome?: string };

function attemptLog(): { interceptor: Interceptor; attempts: Attempt[] } {
  const attempts: Attempt[] = [];
  return {
    attempts,
    interceptor: {
      async outbound(call, proceed) {
        const entry: Attempt = Object.assign(call, { at: Date.now() });
        attempts.push(entry);
        try {
          const result = await proceed();
          entry.outcome = "ok";
          return result;
        } catch (error) {
          entry.outcome = (error as ParleyError).code;
          throw error;
        }
      },
    },
  };
}

describe.each(targets)("retries on $name", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  /** A responder whose `kind` handler is overloaded the first `busy` times it runs. */
  async function flaky(id: string, type: string, busy: number): Promise<{ runs: () => number }> {
    let runs = 0;
    const server = await mesh.agent(id);
    server.handle(type, () => {
      runs++;
      if (runs <= busy) throw new ParleyError(ErrorCode.overloaded, `busy (run ${runs})`);
      return { runs };
    });
    return { runs: () => runs };
  }

  it("retries an idempotent request after overloaded, and each attempt is visible to interceptors", async () => {
    const server = await flaky("rt-ok-server", "rt_lookup", 2);
    const log = attemptLog();
    const client = await mesh.agent("rt-ok-client", {
      contracts,
      retry: { attempts: 4, initialDelayMs: 5 },
      interceptors: [log.interceptor],
    });
    await expect(client.request("rt-ok-server", "rt_lookup", {})).resolves.toEqual({ runs: 3 });
    expect(server.runs()).toBe(3);
    expect(log.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "overloaded"],
      [2, "overloaded"],
      [3, "ok"],
    ]);
    // Each attempt is a new message of the same request.
    expect(new Set(log.attempts.map((a) => a.messageId)).size).toBe(3);
  });

  it("retries a plain request type only when the request is marked idempotent", async () => {
    const server = await flaky("rt-plain-server", "rt_plain", 1);
    const client = await mesh.agent("rt-plain-client", {
      retry: { attempts: 3, initialDelayMs: 5 },
    });
    await expect(client.request("rt-plain-server", "rt_plain", {})).rejects.toMatchObject({
      code: ErrorCode.overloaded,
    });
    expect(server.runs()).toBe(1);
    await expect(
      client.request("rt-plain-server", "rt_plain", {}, { idempotent: true }),
    ).resolves.toEqual({ runs: 2 });
  });

  if (target.features.metadata) {
    it("retries signed requests (each attempt a new message id), with metadata beside the signature", async () => {
      const keys = { a: generateSigningKeys(), b: generateSigningKeys() };
      const trustStore = createTrustStore({
        "rt-signed-server": { k1: keys.a.publicKey },
        "rt-signed-client": { k1: keys.b.publicKey },
      });
      const secure = (key: { privateKey: string }) => ({
        signer: createEd25519Signer({ keyId: "k1", privateKey: key.privateKey }),
        trustStore,
        requireSignatures: true,
      });
      let runs = 0;
      const tenants: Array<string | undefined> = [];
      const server = await mesh.agent("rt-signed-server", secure(keys.a));
      server.handle("rt_lookup", (_p, ctx) => {
        runs++;
        tenants.push(ctx.metadata.tenant);
        if (runs === 1) throw new ParleyError(ErrorCode.overloaded, "busy");
        return { runs, kid: ctx.metadata["parley-kid"] ?? null };
      });
      const rejected: string[] = [];
      // Other agents of this mesh sign nothing: only what the client sent counts here.
      server.on("message:rejected", (r) => {
        if (r.envelope?.sender_id === "rt-signed-client") rejected.push(r.error.code);
      });
      const client = await mesh.agent("rt-signed-client", {
        ...secure(keys.b),
        contracts,
        retry: { attempts: 3, initialDelayMs: 5 },
        interceptors: [
          {
            outbound(call, proceed) {
              call.metadata.tenant = "acme";
              call.metadata["parley-kid"] = "forged";
              return proceed();
            },
          },
        ],
      });
      await expect(client.request("rt-signed-server", "rt_lookup", {})).resolves.toEqual({
        runs: 2,
        kid: "k1",
      });
      expect(tenants).toEqual(["acme", "acme"]);
      expect(rejected).toEqual([]);
    });
  }

  it("does not retry codes that cannot succeed later", async () => {
    let runs = 0;
    const server = await mesh.agent("rt-bad-server");
    server.handle("rt_lookup", () => {
      runs++;
      throw new ParleyError(ErrorCode.unauthorized, "never");
    });
    const client = await mesh.agent("rt-bad-client", { contracts, retry: { attempts: 5 } });
    await expect(client.request("rt-bad-server", "rt_lookup", {})).rejects.toMatchObject({
      code: ErrorCode.unauthorized,
    });
    expect(runs).toBe(1);
  });

  it("stops retrying at the caller's deadline, with the last attempt's error", async () => {
    const server = await flaky("rt-dl-server", "rt_lookup", Number.POSITIVE_INFINITY);
    const log = attemptLog();
    const client = await mesh.agent("rt-dl-client", {
      contracts,
      retry: { attempts: 1000, initialDelayMs: 20, maxDelayMs: 40 },
      interceptors: [log.interceptor],
    });
    const startedAt = Date.now();
    const timeout = 800;
    const error = (await client
      .request("rt-dl-server", "rt_lookup", {}, { timeout })
      .catch((e: unknown) => e)) as ParleyError;
    // The last attempt's error: overloaded, or, when the deadline came first, its timeout (or its
    // expiry, when it reached the responder after the deadline).
    expect([ErrorCode.overloaded, ErrorCode.timeout, ErrorCode.expired]).toContain(error.code);
    const attempts = log.attempts.length;
    expect(attempts).toBeGreaterThan(1);
    // It stopped for the deadline, not for running out of attempts.
    expect(attempts).toBeLessThan(1000);
    expect(error.details.attempts).toBe(attempts);
    // Every attempt carries the caller's deadline as its expiry, and went before it.
    const deadline = log.attempts[0]?.options.expiresAt?.getTime() ?? 0;
    expect(deadline).toBeGreaterThanOrEqual(startedAt + timeout);
    for (const attempt of log.attempts) {
      expect(attempt.options.expiresAt?.getTime()).toBe(deadline);
      expect(attempt.at).toBeLessThan(deadline);
    }
    expect(server.runs()).toBeGreaterThanOrEqual(attempts - 1);
  });

  /**
   * A responder whose handler waits until the test opens it, and a client retrying after 300 ms
   * per attempt; `runs` counts the handler's runs.
   */
  async function heldResponder(serverId: string, clientId: string) {
    let runs = 0;
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const server = await mesh.agent(serverId);
    server.handle("rt_lookup", async () => {
      runs++;
      await opened;
      return { runs };
    });
    const client = await mesh.agent(clientId, {
      contracts,
      retry: { attempts: 3, initialDelayMs: 5, attemptTimeoutMs: 300 },
    });
    return { client, open, runs: () => runs };
  }

  it("never runs an idempotent request twice: a retry is answered from the responder's reply cache", async () => {
    const { client, open, runs } = await heldResponder("rt-once-server", "rt-once-client");
    const waiting: Interceptor = {
      async outbound(call, proceed) {
        try {
          return await proceed();
        } catch (error) {
          // The first attempt timed out while its handler still runs: let it finish and its
          // answer arrive (late, for nobody), then try again with the same request.
          if (call.attempt === 1) {
            open();
            await eventually(() => client.stats().lateResponses === 1, "the late answer");
          }
          throw error;
        }
      },
    };
    await expect(
      client.request(
        "rt-once-server",
        "rt_lookup",
        {},
        { timeout: 10_000, interceptors: [waiting] },
      ),
    ).resolves.toEqual({ runs: 1 });
    expect(runs()).toBe(1);
  });

  it("never runs it twice either when the retry arrives while the first is still running", async () => {
    const { client, open, runs } = await heldResponder("rt-busy-server", "rt-busy-client");
    const openOnSecond: Interceptor = {
      outbound(call, proceed) {
        const answer = proceed();
        if (call.attempt === 2) open();
        return answer;
      },
    };
    await expect(
      client.request(
        "rt-busy-server",
        "rt_lookup",
        {},
        {
          timeout: 10_000,
          interceptors: [openOnSecond],
        },
      ),
    ).resolves.toEqual({ runs: 1 });
    expect(runs()).toBe(1);
  });
});
