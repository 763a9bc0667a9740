/**
 * The A2A gateway, called by the real `@a2a-js/sdk` client (ClientFactory, JSON-RPC, SSE) over
 * HTTP, with a Parley worker behind it on a private mosquitto.
 */
import { describe, expect, it } from "vitest";
import { CONTRACTS_EXTENSION_URI, GATEWAY_EXTENSION_URI } from "../../src/a2a/index.js";
import { dataPart, sendRequest, textPart, useA2aMesh, userMessage } from "./a2a-fixtures.js";

const COMPLETED = 3;

describe("A2A gateway over mosquitto", () => {
  const mesh = useA2aMesh();

  it("serves an Agent Card per online agent: one skill per request type, with the contract's description and JSON Schemas", async () => {
    const client = await mesh.client();
    const card = await client.getAgentCard();
    expect(card.name).toBe("Worker");
    expect(card.skills.map((s) => s.id).sort()).toEqual(["count", "echo", "explode", "refuse", "slow"]);
    const echo = card.skills.find((s) => s.id === "echo");
    expect(echo?.description).toBe("Repeats the text it is given.");
    expect(echo?.inputModes).toEqual(["application/json", "text/plain"]);
    const contracts = card.capabilities?.extensions.find((e) => e.uri === CONTRACTS_EXTENSION_URI);
    expect(contracts?.params?.skills.echo.request.required).toEqual(["text"]);
  });

  it("sends a data part as a Parley request and completes the task with a data artifact", async () => {
    const client = await mesh.client();
    const result = await client.sendMessage(sendRequest(userMessage([dataPart({ text: "hi" })], "echo")));
    expect(result).toMatchObject({ status: { state: COMPLETED } });
    console.log(JSON.stringify(result, null, 1).slice(0, 3000));
  });
});
