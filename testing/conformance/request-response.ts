import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type JsonObject, ParleyError, Priority } from "../../src/index.js";
import type { Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const requestResponse = conformanceSection("request/response", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("declares the features the suite expects of it", async () => {
    const agent = await mesh.agent("features-probe");
    const { retained, lastWill, groups, metadata, expiry } = mesh.transportOf(agent).features;
    expect({ retained, lastWill, groups, metadata, expiry }).toEqual(target.features);
    await agent.close();
  });

  it("answers a request with the handler's result, and tells the handler who asked", async () => {
    const server = await mesh.agent("rr-server");
    const client = await mesh.agent("rr-client");
    const seen: JsonObject[] = [];
    server.handle<{ x: number }>("double", (payload, ctx) => {
      seen.push({ ...payload, sender: ctx.sender, type: ctx.requestType, priority: ctx.priority });
      return { y: payload.x * 2 };
    });
    await expect(
      client.request("rr-server", "double", { x: 21 }, { priority: Priority.high }),
    ).resolves.toEqual({ y: 42 });
    expect(seen).toEqual([{ x: 21, sender: "rr-client", type: "double", priority: Priority.high }]);
  });

  it("keeps many concurrent requests apart by correlation id", async () => {
    const server = await mesh.agent("rr-many-server");
    const client = await mesh.agent("rr-many-client");
    server.handle<{ n: number }>("echo", async ({ n }) => {
      await new Promise((r) => setTimeout(r, n % 7));
      return { n };
    });
    const ns = Array.from({ length: 50 }, (_, i) => i);
    const results = await Promise.all(
      ns.map((n) => client.request<{ n: number }>("rr-many-server", "echo", { n })),
    );
    expect(results.map((r) => r.n)).toEqual(ns);
  });

  it("rejects an unknown request type with unknown_request_type", async () => {
    await mesh.agent("rr-unknown-server");
    const client = await mesh.agent("rr-unknown-client");
    const error = await client
      .request("rr-unknown-server", "no_such_type")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe(ErrorCode.unknown_request_type);
  });

  it("turns a throwing handler into handler_failed and keeps serving", async () => {
    const server = await mesh.agent("rr-throw-server");
    const client = await mesh.agent("rr-throw-client");
    const failures: string[] = [];
    server.on("handler:error", (e) => failures.push(e.error.message));
    server.handle("explode", () => {
      throw new Error("kaboom");
    });
    server.handle("fine", () => ({ ok: true }));
    const error = (await client
      .request("rr-throw-server", "explode")
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.handler_failed);
    expect(error.message).toBe("kaboom");
    expect(error.details.agent).toBe("rr-throw-server");
    expect(failures).toEqual(["kaboom"]);
    await expect(client.request("rr-throw-server", "fine")).resolves.toEqual({ ok: true });
  });

  it("carries a handler's own ParleyError code and details to the caller", async () => {
    const server = await mesh.agent("rr-typed-server");
    const client = await mesh.agent("rr-typed-client");
    server.handle("guarded", () => {
      throw new ParleyError(ErrorCode.unauthorized, "not you", { details: { need: "admin" } });
    });
    const error = (await client
      .request("rr-typed-server", "guarded")
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.unauthorized);
    expect(error.details).toMatchObject({ need: "admin", agent: "rr-typed-server" });
  });

  it("rejects with timeout when no response comes, and aborts the handler's signal at the deadline", async () => {
    const server = await mesh.agent("rr-slow-server");
    const client = await mesh.agent("rr-slow-client");
    const aborted = new Promise<unknown>((resolve) => {
      server.handle("slow", (_p, ctx) => {
        ctx.signal.addEventListener("abort", () => resolve(ctx.signal.reason));
        return new Promise(() => {});
      });
    });
    const error = (await client
      .request("rr-slow-server", "slow", {}, { timeout: 300 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.timeout);
    expect(((await aborted) as ParleyError).code).toBe(ErrorCode.expired);
    expect(client.stats().pendingRequests).toBe(0);
  });

  it("rejects with cancelled when the caller aborts", async () => {
    const server = await mesh.agent("rr-cancel-server");
    const client = await mesh.agent("rr-cancel-client");
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => {
      started = r;
    });
    server.handle("forever", () => {
      started();
      return new Promise(() => {});
    });
    const controller = new AbortController();
    const pending = client.request(
      "rr-cancel-server",
      "forever",
      {},
      { signal: controller.signal, timeout: 10_000 },
    );
    await handlerStarted;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.cancelled });
    await expect(
      client.request("rr-cancel-server", "forever", {}, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: ErrorCode.cancelled,
    });
  });

  it("refuses an expired request with expired, without running the handler", async () => {
    const server = await mesh.agent("rr-expired-server");
    const client = await mesh.agent("rr-expired-client");
    let ran = false;
    server.handle("stale", () => {
      ran = true;
      return {};
    });
    const error = (await client
      .request("rr-expired-server", "stale", {}, { expiresAt: new Date(Date.now() - 60_000) })
      .catch((e: unknown) => e)) as ParleyError;
    // A broker honouring message expiry drops it (the caller times out); otherwise the agent refuses it.
    expect([ErrorCode.expired, ErrorCode.timeout]).toContain(error.code);
    expect(ran).toBe(false);
  }, 40_000);

  it("passes the remaining deadline on when a handler asks another agent", async () => {
    const front = await mesh.agent("rr-deadline-front");
    const back = await mesh.agent("rr-deadline-back");
    const client = await mesh.agent("rr-deadline-client");
    const backDeadlines: (Date | undefined)[] = [];
    const frontDeadlines: (Date | undefined)[] = [];
    back.handle("inner", (_p, ctx) => {
      backDeadlines.push(ctx.deadline);
      return { done: true };
    });
    front.handle("outer", (_p, ctx) => {
      frontDeadlines.push(ctx.deadline);
      return ctx.request("rr-deadline-back", "inner", {}, { timeout: 60_000 });
    });
    await expect(
      client.request("rr-deadline-front", "outer", {}, { timeout: 5000 }),
    ).resolves.toEqual({ done: true });
    const answeredAt = Date.now();
    const [outer, inner] = [frontDeadlines[0], backDeadlines[0]];
    expect(outer).toBeInstanceOf(Date);
    expect(inner).toBeInstanceOf(Date);
    // The inner request expires with the outer one, not 60 s from now.
    expect((outer as Date).getTime()).toBeLessThanOrEqual(answeredAt + 5000);
    expect((inner as Date).getTime()).toBeLessThanOrEqual((outer as Date).getTime());
  });

  it("rejects every pending request with closed when the agent closes", async () => {
    const server = await mesh.agent("rr-close-server");
    const client = await mesh.agent("rr-close-client");
    server.handle("hang", () => new Promise(() => {}));
    const pending = [1, 2, 3].map(() =>
      client.request("rr-close-server", "hang", {}, { timeout: 10_000 }).catch((e: unknown) => e),
    );
    await client.close();
    for (const error of await Promise.all(pending))
      expect((error as ParleyError).code).toBe(ErrorCode.closed);
    await expect(client.request("rr-close-server", "hang")).rejects.toMatchObject({
      code: ErrorCode.closed,
    });
  });
});
