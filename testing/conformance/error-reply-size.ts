/**
 * An error reply always reaches the caller, whatever the request carried: it quotes at most a
 * short prefix of what the sender chose, and one still too large is cut down to its code and the
 * start of its message. Before, a request type of 350 KB made a reply of over 1 MB (copied three
 * times), which the responder refused to send: the caller waited out its timeout.
 */
import { beforeAll, expect, it } from "vitest";
import type { ContractSet, ValidationIssue } from "../../src/contracts.js";
import { type Agent, ErrorCode, type ParleyError } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** Requests here fail fast if no reply comes: a timeout is the failure these tests look for. */
const TIMEOUT = { timeout: 10_000 };

/** Refuses every key but `x`, naming each, as ajv's `additionalProperties: false` does. */
function onlyX(value: unknown): ValidationIssue[] {
  return Object.keys(value as object)
    .filter((key) => key !== "x")
    .map((key) => ({
      instancePath: "",
      keyword: "additionalProperties",
      message: "must NOT have additional properties",
      params: { additionalProperty: key },
    }));
}

const strictContracts: ContractSet = {
  requests: {
    strict: {
      name: "strict",
      version: "1.0.0",
      hash: "0",
      validateRequest: onlyX,
      validateResponse: () => [],
    },
  },
  broadcasts: {},
};

async function failure(promise: Promise<unknown>): Promise<ParleyError> {
  return promise.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e as ParleyError,
  );
}

export const errorReplySize = conformanceSection("error replies that fit", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  let roomy: Agent;
  let small: Agent;
  let client: Agent;
  beforeAll(async () => {
    mesh = meshOf();
    roomy = await mesh.agent("ers-roomy");
    roomy.handle("known", () => ({}));
    small = await mesh.agent("ers-small", { maxMessageBytes: 4096, contracts: strictContracts });
    small.handle("strict", () => ({ ok: true }));
    small.handle("throws_a_novel", () => {
      throw new Error(`it went wrong: ${"because ".repeat(2000)}`);
    });
    client = await mesh.agent("ers-client");
  });

  it("answers a 350 KB request type with a small unknown_request_type, not a timeout", async () => {
    const raw = await mesh.raw("ers-spy");
    const inbox = await eavesdrop(raw, "a2a/ers-client/response");
    const requestType = `t${"y".repeat(350_000)}`;
    const error = await failure(client.request("ers-roomy", requestType, {}, TIMEOUT));
    expect(error.code).toBe(ErrorCode.unknown_request_type);
    expect(error.details.served).toEqual(["known"]);
    await eventually(() => inbox.messages.length > 0, "the reply on the wire");
    expect(inbox.messages[0]?.bytes.byteLength).toBeLessThan(2048);
  });

  it("answers an unknown request type that would overflow a small limit when echoed", async () => {
    // The request fits the responder's 4096 bytes; three copies of its type would not.
    const error = await failure(client.request("ers-small", "z".repeat(1500), {}, TIMEOUT));
    expect(error.code).toBe(ErrorCode.unknown_request_type);
  });

  it("answers a request with many bad values with invalid_request under a small limit", async () => {
    const payload: Record<string, number> = { x: 1 };
    for (let i = 0; i < 50; i++) payload[`unwanted_key_number_${i}_${"k".repeat(20)}`] = i;
    const error = await failure(client.request("ers-small", "strict", payload, TIMEOUT));
    expect(error.code).toBe(ErrorCode.invalid_request);
    expect(error.details.error_count).toBe(50);
  });

  it("answers a handler's error too large to send with its code and the start of its message", async () => {
    const error = await failure(client.request("ers-small", "throws_a_novel", {}, TIMEOUT));
    expect(error.code).toBe(ErrorCode.handler_failed);
    expect(error.message).toMatch(/^it went wrong: because because/);
  });
});
