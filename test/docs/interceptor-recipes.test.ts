/** The recipes of docs/interceptors.md, run as written there, on the memory transport. */
import { afterEach, describe, expect, it } from "vitest";
import { type Agent, createAgent, ErrorCode, ParleyError } from "../../src/index.js";
import type { Interceptor } from "../../src/interceptors.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const network = createMemoryNetwork();
const agents: Agent[] = [];
async function agent(id: string, interceptors: Interceptor[]): Promise<Agent> {
  const made = createAgent({ id, transport: createMemoryTransport({ network }), interceptors });
  agents.push(made);
  await made.connect();
  return made;
}
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

const valid = new Set(["t-1"]);
const served = new Set(["acme"]);
const sendToken = (token: string): Interceptor => ({
  outbound(call, next) {
    call.metadata.authorization = `Bearer ${token}`;
    return next();
  },
});
const requireToken: Interceptor = {
  inbound(call, next) {
    if (call.kind === "broadcast") return next();
    const token = call.metadata.authorization?.replace(/^Bearer /, "");
    if (!token || !valid.has(token))
      throw new ParleyError(ErrorCode.unauthorized, `no valid token from "${call.sender}"`);
    return next();
  },
};
const tenant = (id: string): Interceptor => ({
  outbound(call, next) {
    call.metadata.tenant = id;
    return next();
  },
});
const tenantCheck: Interceptor = {
  inbound(call, next) {
    const t = call.metadata.tenant;
    if (!t || !served.has(t) || (call.payload.tenant !== undefined && call.payload.tenant !== t))
      throw new ParleyError(ErrorCode.unauthorized, `tenant "${t}" is not served here`);
    return next();
  },
};
function auditTo(log: object[]): Interceptor {
  return {
    async inbound(call, next) {
      const entry = { from: call.sender, type: call.type };
      try {
        const result = await next();
        log.push({ ...entry, outcome: "ok" });
        return result;
      } catch (error) {
        log.push({ ...entry, outcome: (error as ParleyError).code });
        throw error;
      }
    },
  };
}
function cachedIn(cache: Map<string, unknown>): Interceptor {
  return {
    async outbound(call, next) {
      if (call.kind !== "request" || call.type !== "exchange_rate") return next();
      const key = JSON.stringify(call.payload);
      if (cache.has(key)) return cache.get(key);
      const result = await next();
      cache.set(key, result);
      return result;
    },
  };
}

describe("the interceptor recipes", () => {
  it("token, tenant, audit and cache, in the documented order", async () => {
    const audit: object[] = [];
    let handled = 0;
    const rates = await agent("recipe-rates", [auditTo(audit), requireToken, tenantCheck]);
    rates.handle("exchange_rate", (payload: { from: string }, ctx) => {
      handled++;
      return { from: payload.from, rate: 1.1, tenant: ctx.metadata.tenant ?? null };
    });
    const cache = new Map<string, unknown>();
    const good = await agent("recipe-good", [sendToken("t-1"), tenant("acme"), cachedIn(cache)]);
    const expected = { from: "EUR", rate: 1.1, tenant: "acme" };
    await expect(good.request("recipe-rates", "exchange_rate", { from: "EUR" })).resolves.toEqual(
      expected,
    );
    await expect(good.request("recipe-rates", "exchange_rate", { from: "EUR" })).resolves.toEqual(
      expected,
    );
    expect(handled).toBe(1);

    const noToken = await agent("recipe-anon", [tenant("acme")]);
    await expect(noToken.request("recipe-rates", "exchange_rate", {})).rejects.toMatchObject({
      code: ErrorCode.unauthorized,
      message: 'no valid token from "recipe-anon"',
    });
    const otherTenant = await agent("recipe-other", [sendToken("t-1"), tenant("globex")]);
    await expect(
      otherTenant.request("recipe-rates", "exchange_rate", { from: "USD" }),
    ).rejects.toMatchObject({
      code: ErrorCode.unauthorized,
      message: 'tenant "globex" is not served here',
    });
    expect(handled).toBe(1);
    // The audit log is outermost: it saw the refusals too.
    expect(audit).toEqual([
      { from: "recipe-good", type: "exchange_rate", outcome: "ok" },
      { from: "recipe-anon", type: "exchange_rate", outcome: "unauthorized" },
      { from: "recipe-other", type: "exchange_rate", outcome: "unauthorized" },
    ]);
  });
});
