/**
 * The A2A TCK's core scenarios that apply to the gateway, ported (the TCK is a Python suite that
 * cannot run here). Each test names the TCK scenario (message-id prefix, from
 * `scenarios/core_operations.feature` and `streaming.feature` on a2aproject/a2a-tck's 1.0-dev
 * branch) or requirement id it comes from; the message ids keep the TCK's prefixes. The system
 * under test is the gateway with a Parley worker behind it; the client is the real
 * `@a2a-js/sdk` one. `tck-message-response` is ported in remote-agent.test.ts (the gateway always
 * answers with a task), and `tck-input-required` does not apply (Parley has no input-required).
 */
import type { StreamResponse } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { dataPart, sendRequest, useA2aMesh, userMessage } from "./a2a-fixtures.js";

const SUBMITTED = 1;
const WORKING = 2;
const COMPLETED = 3;
const CANCELED = 5;
const REJECTED = 7;

const tckId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

describe("A2A TCK core scenarios against the gateway", () => {
  const mesh = useA2aMesh();

  it("tck-complete-task (CORE-SEND-001): a message completes a task", async () => {
    const client = await mesh.client();
    const message = userMessage(
      [dataPart({ text: "Hello from TCK" })],
      "echo",
      tckId("tck-complete-task"),
    );
    const task = await client.sendMessage(sendRequest(message));
    expect(task).toMatchObject({
      status: { state: COMPLETED },
      history: [{ messageId: message.messageId }],
    });
  });

  it("tck-artifact-data: the completed task carries a data artifact", async () => {
    const client = await mesh.client();
    const message = userMessage([dataPart({ text: "value" })], "echo", tckId("tck-artifact-data"));
    const task = await client.sendMessage(sendRequest(message));
    expect(task).toMatchObject({
      status: { state: COMPLETED },
      artifacts: [{ artifactId: "response", parts: [dataPart({ echoed: "value" })] }],
    });
  });

  it("CORE-GET-001: a completed task can be fetched by id", async () => {
    const client = await mesh.client();
    const sent = await client.sendMessage(
      sendRequest(userMessage([dataPart({ text: "get" })], "echo", tckId("tck-complete-task"))),
    );
    const id = (sent as { id: string }).id;
    await expect(client.getTask({ tenant: "", id })).resolves.toMatchObject({
      id,
      status: { state: COMPLETED },
    });
  });

  it("tck-reject-task: an agent that refuses the work rejects the task, with the reason", async () => {
    const client = await mesh.client();
    const message = userMessage([dataPart({})], "refuse", tckId("tck-reject-task"));
    const task = await client.sendMessage(sendRequest(message));
    expect(task).toMatchObject({
      status: {
        state: REJECTED,
        message: {
          role: 2,
          parts: [
            dataPart({ code: "unauthorized", message: "not for you", details: expect.anything() }),
            { content: { $case: "text", value: "unauthorized: not for you" } },
          ],
        },
      },
    });
  });

  it("tck-stream-ordering-001: task first, then every artifact update in order, then the terminal status", async () => {
    const client = await mesh.client();
    const message = userMessage([dataPart({ n: 3 })], "count", tckId("tck-stream-ordering-001"));
    const events: StreamResponse[] = [];
    for await (const event of client.sendMessageStream(sendRequest(message))) events.push(event);
    expect(events.map(describeEvent)).toEqual([
      "task",
      `status ${WORKING}`,
      "artifact partial append=false last=false",
      "artifact partial append=true last=false",
      "artifact partial append=true last=false",
      "artifact response append=false last=true",
      `status ${COMPLETED}`,
    ]);
    const parts = events.flatMap((e) =>
      e.payload?.$case === "artifactUpdate" ? (e.payload.value.artifact?.parts ?? []) : [],
    );
    expect(parts).toEqual([
      dataPart({ i: 0 }),
      dataPart({ i: 1 }),
      dataPart({ i: 2 }),
      dataPart({ done: 3 }),
    ]);
  });

  it("CORE-CANCEL-001: cancelling a working task cancels the Parley request over the wire", async () => {
    const client = await mesh.client();
    const started = mesh.slowStarted();
    const aborted = mesh.slowAborted();
    const sent = await client.sendMessage({
      ...sendRequest(userMessage([dataPart({})], "slow", tckId("core-cancel-001"))),
      configuration: {
        acceptedOutputModes: [],
        taskPushNotificationConfig: undefined,
        returnImmediately: true,
      },
    });
    const id = (sent as { id: string; status?: { state: number } }).id;
    expect([SUBMITTED, WORKING]).toContain((sent as { status?: { state: number } }).status?.state);
    await started;
    const cancelled = await client.cancelTask({ tenant: "", id, metadata: undefined });
    expect(cancelled.status?.state).toBe(CANCELED);
    await expect(aborted).resolves.toMatchObject({ code: "cancelled" });
    await expect(client.getTask({ tenant: "", id })).resolves.toMatchObject({
      status: { state: CANCELED },
    });
  });

  it("CORE-CANCEL-002: a completed task is not cancelable", async () => {
    const client = await mesh.client();
    const sent = await client.sendMessage(
      sendRequest(userMessage([dataPart({ text: "done" })], "echo", tckId("tck-complete-task"))),
    );
    const id = (sent as { id: string }).id;
    await expect(client.cancelTask({ tenant: "", id, metadata: undefined })).rejects.toMatchObject({
      envelopeCode: -32002,
    });
  });

  it("tck-stream-001: a cancelled streaming task ends its stream with the canceled state", async () => {
    const client = await mesh.client();
    const started = mesh.slowStarted();
    const states: string[] = [];
    const stream = client.sendMessageStream(
      sendRequest(userMessage([dataPart({})], "slow", tckId("tck-stream-001"))),
    );
    let id = "";
    const done = (async () => {
      for await (const event of stream) {
        if (event.payload?.$case === "task") id = event.payload.value.id;
        states.push(describeEvent(event));
      }
    })();
    await started;
    await client.cancelTask({ tenant: "", id, metadata: undefined });
    await done;
    expect(states).toEqual(["task", `status ${WORKING}`, `status ${CANCELED}`]);
  });
});

function describeEvent(event: StreamResponse): string {
  const payload = event.payload;
  switch (payload?.$case) {
    case "task":
      return "task";
    case "statusUpdate":
      return `status ${payload.value.status?.state}`;
    case "artifactUpdate": {
      const { artifact, append, lastChunk } = payload.value;
      return `artifact ${artifact?.artifactId} append=${append} last=${lastChunk}`;
    }
    default:
      return String(payload?.$case);
  }
}
