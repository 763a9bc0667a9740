/**
 * The generated code type-checks under the project's strict settings, and misuse is a compile
 * error: every `@ts-expect-error` below must meet an error, or the compile fails.
 */
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { generate, generateStubs, readContracts } from "../../codegen/index.js";
import { compileWith, PING_SET, tempDir } from "./codegen-fixtures.js";

const USAGE = `
import { createContractClient, registerHandlers, registerSomeHandlers, contracts } from "./generated/index.js";
import type { AgentLike, ContractHandlers, PingErrorCode, Pong } from "./generated/index.js";
import type { Envelope, HandlerContext } from "./generated/runtime.js";
import type { ContractSet } from "./generated/runtime.js";

declare const agent: AgentLike;
const client = createContractClient(agent);
export const registry: ContractSet = contracts;

export async function proper(): Promise<Pong> {
  const pong = await client.ping("bob", { text: "hi", count: 1 }, { timeout: 100, priority: 3 });
  const echo: string = pong.echo;
  await client.broadcastNews({ headline: echo, extra: "open payloads take more fields" });
  const off = client.onNews((payload, message: Envelope) => {
    const headline: string = payload.headline;
    void headline;
    void message;
  });
  off();
  return pong;
}

export async function misuse(): Promise<void> {
  // @ts-expect-error wrong field type
  await client.ping("bob", { text: 1, count: 1 });
  // @ts-expect-error missing required field
  await client.ping("bob", { text: "hi" });
  // @ts-expect-error unknown field on a closed request
  await client.ping("bob", { text: "hi", count: 1, bogus: true });
  // @ts-expect-error unknown request method
  await client.pong("bob", {});
  // @ts-expect-error response field that does not exist
  void (await client.ping("bob", { text: "hi", count: 1 })).nope;
  // @ts-expect-error broadcast payload without its required field
  await client.broadcastNews({});
  // @ts-expect-error listener expecting the wrong payload type
  client.onNews((payload: { headline: number }) => void payload);
}

export const handlers: ContractHandlers = {
  ping: async (request, ctx: HandlerContext) => ({ echo: request.text + ctx.sender }),
};
registerHandlers(agent, handlers);
registerSomeHandlers(agent, {});
export const code: PingErrorCode = "too_many";

// @ts-expect-error handler returning the wrong shape
registerHandlers(agent, { ping: async () => ({ echo: 42 }) });
// @ts-expect-error a handler missing from the whole set
registerHandlers(agent, {});
// @ts-expect-error handler for a request type that does not exist
registerSomeHandlers(agent, { pong: async () => ({ echo: "x" }) });
// @ts-expect-error handler reading a field the request does not have
registerHandlers(agent, { ping: async (request) => ({ echo: request.missing }) });
// @ts-expect-error error code not declared by the contract
export const badCode: PingErrorCode = "nope";
`;

/** Parley's Agent, by its signatures (src/agent.ts on main): it must be an AgentLike. */
const AGENT_SHAPE = `
import type { AgentLike } from "./generated/index.js";
import type { Envelope, JsonObject, Priority, RequestOptions } from "./generated/runtime.js";

interface Context {
  readonly sender: string;
  readonly requestType: string;
  readonly priority: Priority;
  readonly deadline: Date | undefined;
  readonly signal: AbortSignal;
  readonly message: Envelope;
  readonly request: <T = JsonObject>(to: string, type: string, payload: JsonObject, options?: RequestOptions) => Promise<T>;
}
interface EventMap { "agent:online": { id: string }; connection: { state: string } }

declare class AgentShapedLikeParleys {
  request<TResponse = JsonObject>(to: string, requestType: string, payload?: JsonObject, options?: RequestOptions): Promise<TResponse>;
  handle<TRequest = JsonObject, TResponse = JsonObject>(
    requestType: string,
    handler: (payload: TRequest, context: Context) => TResponse | Promise<TResponse>,
  ): () => void;
  broadcast(broadcastType: string, payload?: JsonObject, options?: { readonly priority?: Priority }): Promise<void>;
  on<K extends keyof EventMap>(event: K, listener: (value: EventMap[K]) => void): () => void;
  on<T = JsonObject>(broadcastType: string, listener: (payload: T, message: Envelope) => void): () => void;
}
declare const agent: AgentShapedLikeParleys;
export const asAgentLike: AgentLike = agent;
`;

describe("generated code", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("compiles strictly, accepts proper use and rejects each misuse (self-contained)", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: null });
    const diagnostics = await compileWith(temp.dir, files, [
      { path: "use.ts", contents: USAGE },
      { path: "agent-shape.ts", contents: AGENT_SHAPE },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("a misuse without @ts-expect-error is reported (the check above can fail)", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: null });
    const diagnostics = await compileWith(temp.dir, files, [
      {
        path: "wrong.ts",
        contents: `import { createContractClient, type AgentLike } from "./generated/index.js";
declare const agent: AgentLike;
export const p = createContractClient(agent).ping("bob", { text: 1, count: 1 });
`,
      },
    ]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^wrong\.ts:3: .*number.*string/s);
  });

  it("imports the runtime's types from runtimeImport when one is given", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: "../runtime-api.js" });
    const runtime = files.find((f) => f.path === "runtime.ts")?.contents ?? "";
    expect(runtime).toContain('from "../runtime-api.js"');
    expect(runtime).toContain('from "../contracts.js"');
    expect(runtime).not.toContain("export interface ContractSet");
    // Stand-ins for the package's root and contracts entry points, exporting the same type names.
    const selfContained = (await generate(PING_SET, { runtimeImport: null })).find(
      (f) => f.path === "runtime.ts",
    );
    const api = (selfContained?.contents ?? "").replace(
      /export interface (BroadcastOptions|AgentLike) \{[\s\S]*?\n\}/g,
      "",
    );
    const diagnostics = await compileWith(temp.dir, files, [
      { path: "runtime-api.ts", contents: api },
      { path: "contracts.ts", contents: api },
      { path: "use.ts", contents: USAGE },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("stands alone with structural copies that match Parley's own types and Agent (no drift)", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: null });
    // The built package (npm test builds it first), imported from the temp dir.
    const built = (entry: string) =>
      relative(temp.dir, fileURLToPath(new URL(`../../dist/src/${entry}`, import.meta.url)))
        .split(sep)
        .join("/");
    const contractNames = [
      "ContractSet",
      "RequestContract",
      "BroadcastContract",
      "ValidationIssue",
      "Validator",
    ];
    const rootNames = ["JsonObject", "Priority"];
    const checks = [
      ...contractNames.map((n) => `export const same${n}: Same<Contracts.${n}, Copy.${n}> = true;`),
      ...rootNames.map((n) => `export const same${n}: Same<Real.${n}, Copy.${n}> = true;`),
      // The copy leaves out the options that need Parley's own types (interceptors, retry); every
      // option it has must be Parley's, exactly, and every one Parley has must be in the copy or
      // in that list.
      "export const sameRequestOptions: Same<Pick<Real.RequestOptions, keyof Copy.RequestOptions>, Copy.RequestOptions> = true;",
      'export const allRequestOptions: Same<Exclude<keyof Real.RequestOptions, keyof Copy.RequestOptions>, "interceptors" | "retry"> = true;',
    ].join("\n");
    const diagnostics = await compileWith(temp.dir, files, [
      {
        path: "drift.ts",
        contents: `import type * as Real from "./${built("index.js")}";
import type * as Contracts from "./${built("contracts.js")}";
import type * as Copy from "./generated/runtime.js";
import type { AgentLike } from "./generated/index.js";
// Exact equality (the usual trick): mutual assignability would let {a?} equal {b?}.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
${checks}
// What the runtime hands to generated code must satisfy the copies it is written against (the
// copy's message_type is any string; Parley's is its closed union).
export const context: Same<Real.HandlerContext extends Copy.HandlerContext ? true : false, true> = true;
export const envelope: Same<Real.Envelope extends Copy.Envelope ? true : false, true> = true;
declare const agent: Real.Agent;
export const asAgentLike: AgentLike = agent;
`,
      },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("scaffolded stubs compile and plug into registerHandlers", async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: null });
    const stubs = generateStubs(readContracts(PING_SET), "../generated");
    expect(stubs.map((s) => s.path)).toEqual(["ping.ts"]);
    const diagnostics = await compileWith(temp.dir, files, [
      ...stubs.map((s) => ({ path: `handlers/${s.path}`, contents: s.contents })),
      {
        path: "serve.ts",
        contents: `import { registerHandlers, type AgentLike } from "./generated/index.js";
import { ping } from "./handlers/ping.js";
declare const agent: AgentLike;
export const off = registerHandlers(agent, { ping });
`,
      },
    ]);
    expect(diagnostics).toEqual([]);
  });
});
