/**
 * Contract validation at run time, with the generated seed contracts: what breaks a contract never
 * reaches a handler or a listener, the sender learns what was wrong (the ajv errors), an outbound
 * violation never reaches the wire, and `validate: false` turns it all off.
 */
import { beforeAll, expect, it } from "vitest";
import { contracts } from "../../src/generated/contracts.js";
import { type Envelope, ErrorCode, type JsonObject, ParleyError } from "../../src/index.js";
import type { RejectedMessage } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh, next } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** A valid knowledge_search response (the seed's task result). */
const RESULT = { status: "completed", result: { matches: [] }, agent_id: "x" };

async function failure(promise: Promise<unknown>): Promise<ParleyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParleyError);
  return error as ParleyError;
}

export const validation = conformanceSection("contract validation", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("answers a request that breaks its contract with invalid_request listing the ajv errors, without running the handler", async () => {
    const server = await mesh.agent("val-in-server", { contracts });
    const client = await mesh.agent("val-in-client");
    const seen: JsonObject[] = [];
    server.handle("knowledge_search", (payload: JsonObject) => {
      seen.push(payload);
      return RESULT;
    });
    const rejected = next<RejectedMessage>((cb) => server.on("message:rejected", cb));
    const error = await failure(client.request("val-in-server", "knowledge_search", { query: 42 }));
    expect(error.code).toBe(ErrorCode.invalid_request);
    expect(error.message).toBe('request for "knowledge_search" is invalid: /query must be string');
    expect(error.details).toEqual({
      agent: "val-in-server",
      errors: [
        {
          instancePath: "/query",
          keyword: "type",
          message: "must be string",
          params: { type: "string" },
        },
      ],
    });
    expect((await rejected).error.code).toBe(ErrorCode.invalid_request);
    expect(seen).toEqual([]);
  });

  it("answers invalid_response when its own handler's result breaks the response schema", async () => {
    const server = await mesh.agent("val-out-server", { contracts });
    const client = await mesh.agent("val-out-client");
    const handlerErrors: ParleyError[] = [];
    server.on("handler:error", (e) => handlerErrors.push(e.error));
    server.handle("knowledge_search", () => ({ status: "completed", agent_id: 7 }));
    const error = await failure(
      client.request("val-out-server", "knowledge_search", { query: "q" }),
    );
    expect(error.code).toBe(ErrorCode.invalid_response);
    expect(error.details.agent).toBe("val-out-server");
    expect(error.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ keyword: "required", params: { missingProperty: "result" } }),
        expect.objectContaining({ instancePath: "/agent_id", keyword: "type" }),
      ]),
    );
    expect(handlerErrors.map((e) => e.code)).toEqual([ErrorCode.invalid_response]);
  });

  it("rejects a bad response from a non-Parley responder with invalid_response at the caller", async () => {
    const responder = await mesh.raw("val-raw-responder");
    await responder.subscribe(
      "a2a/val-raw-responder/request",
      (message) => {
        const request = JSON.parse(new TextDecoder().decode(message.bytes)) as Envelope;
        const reply = rawEnvelope({
          sender_id: "val-raw-responder",
          recipient_id: request.sender_id,
          message_type: "response",
          correlation_id: request.correlation_id,
          payload: { status: "completed", result: 1 },
        });
        void responder.publish(`a2a/${request.sender_id}/response`, bytesOf(reply), { qos: 1 });
      },
      { qos: 1 },
    );
    const client = await mesh.agent("val-raw-client", { contracts });
    const error = await failure(
      client.request("val-raw-responder", "knowledge_search", { query: "q" }),
    );
    expect(error.code).toBe(ErrorCode.invalid_response);
    expect(error.message).toBe(
      'response for "knowledge_search" from "val-raw-responder" is invalid: / must have required property \'agent_id\'',
    );
    expect(error.details.errors).toEqual([
      {
        instancePath: "",
        keyword: "required",
        message: "must have required property 'agent_id'",
        params: { missingProperty: "agent_id" },
      },
    ]);
  });

  it("refuses an outbound request that breaks its contract locally: nothing reaches the wire", async () => {
    const server = await mesh.agent("val-local-server");
    const client = await mesh.agent("val-local-client", { contracts });
    const seen: JsonObject[] = [];
    server.handle("knowledge_search", (payload: JsonObject) => {
      seen.push(payload);
      return RESULT;
    });
    const raw = await mesh.raw("val-local-spy");
    const wire = await eavesdrop(raw, "a2a/val-local-server/request");
    const error = await failure(client.request("val-local-server", "knowledge_search", {}));
    expect(error.code).toBe(ErrorCode.invalid_request);
    // Raised here, not answered by the server (whose errors name it as `agent`).
    expect(error.details).toEqual({
      errors: [expect.objectContaining({ keyword: "required", instancePath: "" })],
    });
    // A valid request after it, on the same path: had the first been published, it would arrive first.
    await client.request("val-local-server", "knowledge_search", { query: "ok" });
    await eventually(() => wire.envelopes().length > 0, "the valid request on the wire");
    expect(wire.envelopes().map((e) => e.payload)).toEqual([
      { request_type: "knowledge_search", query: "ok" },
    ]);
    expect(seen).toEqual([{ query: "ok" }]);
  });

  it("with validate: false, a bad request reaches the handler and a bad response reaches the caller", async () => {
    const server = await mesh.agent("val-off-server", { contracts, validate: false });
    const client = await mesh.agent("val-off-client", { contracts, validate: false });
    const seen: JsonObject[] = [];
    server.handle("knowledge_search", (payload: JsonObject) => {
      seen.push(payload);
      return { nothing: "required" };
    });
    await expect(
      client.request("val-off-server", "knowledge_search", { query: 42 }),
    ).resolves.toEqual({ nothing: "required" });
    expect(seen).toEqual([{ query: 42 }]);
  });

  it("refuses an inbound broadcast that breaks its contract with an event; listeners never see it", async () => {
    const sender = await mesh.agent("val-bc-sender");
    const receiver = await mesh.agent("val-bc-receiver", { contracts });
    const got: JsonObject[] = [];
    receiver.on("system_update", (payload) => got.push(payload));
    const rejected = next<RejectedMessage>(
      (cb) => receiver.on("message:rejected", cb),
      (r) => r.envelope?.sender_id === "val-bc-sender",
    );
    await sender.broadcast("system_update", { update_type: 1, details: "bad" });
    const { error } = await rejected;
    expect(error.code).toBe(ErrorCode.invalid_request);
    expect(error.details.errors).toEqual([
      expect.objectContaining({ instancePath: "/update_type", keyword: "type" }),
    ]);
    // Broadcasts from one sender arrive in order: once the good one is in, the bad one was dropped.
    await sender.broadcast("system_update", { update_type: "fix", details: "good" });
    await eventually(() => got.length > 0, "the valid broadcast");
    expect(got).toEqual([{ update_type: "fix", details: "good" }]);
  });

  it("throws on an outbound broadcast that breaks its contract: nothing is published", async () => {
    const sender = await mesh.agent("val-bco-sender", { contracts });
    const raw = await mesh.raw("val-bco-spy");
    const wire = await eavesdrop(raw, "a2a/broadcast/broadcast");
    const updates = () =>
      wire
        .envelopes()
        .filter(
          (e) => e.sender_id === "val-bco-sender" && e.payload.broadcast_type === "system_update",
        );
    const error = await failure(sender.broadcast("system_update", { update_type: "x" }));
    expect(error.code).toBe(ErrorCode.invalid_request);
    expect(error.details.errors).toEqual([
      expect.objectContaining({ keyword: "required", params: { missingProperty: "details" } }),
    ]);
    await sender.broadcast("system_update", { update_type: "x", details: "ok" });
    await eventually(() => updates().length > 0, "the valid broadcast on the wire");
    expect(updates().map((e) => e.payload)).toEqual([
      { broadcast_type: "system_update", update_type: "x", details: "ok" },
    ]);
  });

  it("with validate: false, a bad broadcast is sent and delivered", async () => {
    const sender = await mesh.agent("val-bcoff-sender", { contracts, validate: false });
    const receiver = await mesh.agent("val-bcoff-receiver", { contracts, validate: false });
    const got = next<JsonObject>((cb) => receiver.on("system_update", cb));
    await sender.broadcast("system_update", { update_type: 1 });
    expect(await got).toEqual({ update_type: 1 });
  });
});
