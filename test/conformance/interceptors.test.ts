import { beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, type JsonObject, ParleyError } from "../../src/index.js";
import type { InboundCall, Interceptor } from "../../src/interceptors.js";
import { type Mesh, next } from "../../testing/conformance/mesh.js";
import { useMesh } from "../../testing/conformance/suite-setup.js";
import { targets } from "./targets.js";

/** An interceptor that logs `name>` before and `<name` after, on both sides. */
function logging(name: string, log: string[]): Interceptor {
  const around = async (_call: unknown, proceed: () => Promise<unknown>): Promise<unknown> => {
    log.push(`${name}>`);
    try {
      return await proceed();
    } finally {
      log.push(`<${name}`);
    }
  };
  return { name, outbound: around, inbound: around };
}

describe.each(targets)("interceptors on $name", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("runs caller interceptors outermost first, the request's own inside the agent's", async () => {
    const log: string[] = [];
    const server = await mesh.agent("ic-order-server");
    server.handle("ping", () => {
      log.push("handler");
      return { pong: true };
    });
    const client = await mesh.agent("ic-order-client", {
      interceptors: [logging("a", log), logging("b", log)],
    });
    client.use(logging("c", log));
    const reply = await client.request(
      "ic-order-server",
      "ping",
      {},
      {
        interceptors: [logging("own", log)],
      },
    );
    expect(reply).toEqual({ pong: true });
    expect(log).toEqual(["a>", "b>", "c>", "own>", "handler", "<own", "<c", "<b", "<a"]);
  });

  it("lets a caller interceptor answer without sending, or refuse with a typed error", async () => {
    let handled = 0;
    const server = await mesh.agent("ic-short-server");
    server.handle("lookup", () => {
      handled++;
      return { from: "server" };
    });
    const cache: Interceptor = {
      async outbound(call, proceed) {
        if (call.payload.key === "cached") return { from: "cache" };
        if (call.payload.key === "forbidden")
          throw new ParleyError(ErrorCode.unauthorized, "not for you");
        return proceed();
      },
    };
    const client = await mesh.agent("ic-short-client", { interceptors: [cache] });
    await expect(client.request("ic-short-server", "lookup", { key: "cached" })).resolves.toEqual({
      from: "cache",
    });
    await expect(
      client.request("ic-short-server", "lookup", { key: "forbidden" }),
    ).rejects.toMatchObject({ code: ErrorCode.unauthorized, message: "not for you" });
    expect(handled).toBe(0);
    await expect(client.request("ic-short-server", "lookup", { key: "x" })).resolves.toEqual({
      from: "server",
    });
    expect(handled).toBe(1);
  });

  it("runs responder interceptors around the handler; one may refuse or change the result", async () => {
    const log: string[] = [];
    let handled = 0;
    const guard: Interceptor = {
      async inbound(call, proceed) {
        if (call.payload.refuse === true)
          throw new ParleyError(ErrorCode.unauthorized, `"${call.sender}" may not ${call.type}`);
        if (call.payload.cached === true) return { done: "from the interceptor" };
        const result = (await proceed()) as JsonObject;
        return { ...result, stamped: call.agent };
      },
    };
    const server = await mesh.agent("ic-in-server", { interceptors: [logging("a", log), guard] });
    server.use(logging("b", log));
    server.handle("work", () => {
      handled++;
      log.push("handler");
      return { done: true };
    });
    const client = await mesh.agent("ic-in-client");
    await expect(client.request("ic-in-server", "work", {})).resolves.toEqual({
      done: true,
      stamped: "ic-in-server",
    });
    expect(log).toEqual(["a>", "b>", "handler", "<b", "<a"]);
    await expect(client.request("ic-in-server", "work", { refuse: true })).rejects.toMatchObject({
      code: ErrorCode.unauthorized,
      message: '"ic-in-client" may not work',
    });
    expect(handled).toBe(1);
    await expect(client.request("ic-in-server", "work", { cached: true })).resolves.toEqual({
      done: "from the interceptor",
    });
    expect(handled).toBe(1);
  });

  it("carries metadata a caller interceptor adds to the responder's interceptors and handler", async () => {
    const seen: InboundCall[] = [];
    const server = await mesh.agent("ic-meta-server", {
      interceptors: [
        {
          inbound(call, proceed) {
            seen.push(call);
            return proceed();
          },
        },
      ],
    });
    server.handle("whoami", (_p, ctx) => ({ tenant: ctx.metadata.tenant ?? null }));
    const client = await mesh.agent("ic-meta-client", {
      interceptors: [
        {
          outbound(call, proceed) {
            call.metadata.tenant = "acme";
            return proceed();
          },
        },
      ],
    });
    const reply = await client.request("ic-meta-server", "whoami", { q: 1 });
    const carried = target.features.metadata;
    // Where the transport has no metadata (MQTT 3.1.1) it is dropped, and the request still goes.
    expect(reply).toEqual({ tenant: carried ? "acme" : null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      kind: "request",
      agent: "ic-meta-server",
      sender: "ic-meta-client",
      type: "whoami",
      payload: { q: 1 },
      transport: mesh.transportOf(server).name,
    });
    expect(seen[0]?.metadata.tenant).toBe(carried ? "acme" : undefined);
    expect(seen[0]?.deadline).toBeInstanceOf(Date);
    expect(seen[0]?.context?.sender).toBe("ic-meta-client");
  });

  it("shows a stream's parts to onPart in order, and its final response to both sides", async () => {
    const parts: unknown[] = [];
    const outcomes: unknown[] = [];
    const server = await mesh.agent("ic-stream-server", {
      interceptors: [
        {
          async inbound(call, proceed) {
            const result = await proceed();
            outcomes.push({ side: "responder", kind: call.kind, result });
            return result;
          },
        },
      ],
    });
    server.handle("count", async function* ({ to }: { to: number }) {
      for (let i = 1; i <= to; i++) yield { i };
      return { total: to };
    });
    const client = await mesh.agent("ic-stream-client", {
      interceptors: [
        {
          onPart: (_call, part) => parts.push(part),
          async outbound(call, proceed) {
            const result = await proceed();
            outcomes.push({ side: "caller", kind: call.kind, result });
            return result;
          },
        },
      ],
    });
    const events: unknown[] = [];
    for await (const event of client.stream("ic-stream-server", "count", { to: 3 }))
      events.push(event.kind === "part" ? event.data : event);
    expect(events).toEqual([
      { i: 1 },
      { i: 2 },
      { i: 3 },
      { kind: "response", data: { total: 3 } },
    ]);
    expect(parts).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
    expect(outcomes).toContainEqual({ side: "caller", kind: "stream", result: { total: 3 } });
    expect(outcomes).toContainEqual({ side: "responder", kind: "stream", result: { total: 3 } });
  });

  it("tells the interceptors and the responder at once when the caller leaves a stream early", async () => {
    let stopped = () => {};
    const responderStopped = new Promise<void>((resolve) => {
      stopped = resolve;
    });
    const server = await mesh.agent("ic-leave-server");
    server.handle("endless", async function* (_p, ctx) {
      yield { i: 1 };
      // No more parts until the caller's cancel arrives.
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      stopped();
      return {};
    });
    let outcome: unknown;
    const client = await mesh.agent("ic-leave-client", {
      interceptors: [
        {
          async outbound(_call, proceed) {
            try {
              return await proceed();
            } catch (error) {
              outcome = (error as ParleyError).code;
              throw error;
            }
          },
        },
      ],
    });
    for await (const event of client.stream(
      "ic-leave-server",
      "endless",
      {},
      { timeout: 60_000 },
    )) {
      expect(event).toEqual({ kind: "part", seq: 0, data: { i: 1 } });
      break;
    }
    await responderStopped;
    expect(outcome).toBe(ErrorCode.cancelled);
  });

  it("runs interceptors around broadcasts: metadata goes along, a refusal stops the listeners", async () => {
    const sender = await mesh.agent("ic-bc-sender", {
      interceptors: [
        {
          outbound(call, proceed) {
            call.metadata.origin = `${call.kind}:${call.type}`;
            return proceed();
          },
        },
      ],
    });
    const calls: InboundCall[] = [];
    const rejected: string[] = [];
    const receiver = await mesh.agent("ic-bc-receiver", {
      interceptors: [
        {
          inbound(call, proceed) {
            calls.push(call);
            if (call.payload.secret === true)
              throw new ParleyError(ErrorCode.unauthorized, "no secrets here");
            return proceed();
          },
        },
      ],
    });
    receiver.on("message:rejected", (r) => rejected.push(r.error.message));
    const heard: JsonObject[] = [];
    const got = next<JsonObject>(
      (cb) => receiver.on("news", (p) => cb(p)),
      (p) => p.n === 2,
    );
    receiver.on("news", (p) => heard.push(p));
    await sender.broadcast("news", { n: 1, secret: true });
    await sender.broadcast("news", { n: 2 });
    await got;
    expect(heard).toEqual([{ n: 2 }]);
    expect(rejected).toEqual(["no secrets here"]);
    expect(calls.map((c) => [c.kind, c.type, c.sender])).toEqual([
      ["broadcast", "news", "ic-bc-sender"],
      ["broadcast", "news", "ic-bc-sender"],
    ]);
    expect(calls[1]?.metadata.origin).toBe(target.features.metadata ? "broadcast:news" : undefined);
  });
});
