/**
 * `generateAsyncApi`: contract files in, an AsyncAPI 3.0.0 document out, so AsyncAPI tooling can
 * show and document a Parley mesh. A pure function, as `generate` is. The document describes an
 * agent serving the request types and sending the broadcasts: the seed's channels (their
 * addresses from the runtime's own `addressFor`), one `receive` operation per request type with
 * its reply, one `send` operation per broadcast, and the wire envelope as every message, its
 * `payload` narrowed to the contract's schema.
 */
import { addressFor, presenceAddress } from "parley-a2a/transport";
import {
  ERROR_PAYLOAD,
  envelopeWith,
  parleySchemas,
  withComponentRefs,
  withTypeKey,
} from "./asyncapi-schemas.js";
import { broadcastTypeName, buildBundle, requestTypeNames } from "./bundle.js";
import { ProblemList } from "./codegen-error.js";
import { loadContracts, type SchemaInput } from "./load-contracts.js";
import { DEFAULT_BASE_URI } from "./options.js";
import type { SchemaObject } from "./schema-walk.js";

/** Options of {@link generateAsyncApi}. */
export interface AsyncApiOptions {
  /** `info.title`. @default "Parley agents" */
  readonly title?: string;
  /** `info.version`, the version of the document. @default "1.0.0" */
  readonly version?: string;
  /** Base URI of the schema files, as for `generate`. @default "https://parley.dev/schemas/" */
  readonly baseUri?: string;
}

const known = new Set(["title", "version", "baseUri"]);

/** Where the recipient's id stands in an address template. */
const AGENT = "{agentId}";

/**
 * The AsyncAPI 3.0.0 document (JSON text) of the contracts in `inputs`.
 * @throws CodegenError naming each bad file and JSON pointer, as `generate` does.
 */
export function generateAsyncApi(
  inputs: readonly SchemaInput[],
  options: AsyncApiOptions = {},
): string {
  for (const key of Object.keys(options))
    if (!known.has(key)) throw new TypeError(`parley codegen: unknown AsyncAPI option "${key}"`);
  const baseUri = options.baseUri ?? DEFAULT_BASE_URI;
  const problems = new ProblemList();
  const model = loadContracts(inputs, baseUri, problems);
  problems.throwIfAny();
  const bundle = buildBundle(model, baseUri, problems);
  problems.throwIfAny();

  const schemas: SchemaObject = parleySchemas();
  for (const [name, def] of Object.entries(bundle.schema.$defs as SchemaObject))
    schemas[name] = withComponentRefs(def);
  const messages: SchemaObject = {};
  const channel = {
    request: {} as SchemaObject,
    response: {} as SchemaObject,
    broadcast: {} as SchemaObject,
  };
  const operations: SchemaObject = {};
  const addMessage = (on: keyof typeof channel, key: string, message: SchemaObject) => {
    messages[key] = message;
    channel[on][key] = { $ref: `#/components/messages/${key}` };
    return { $ref: `#/channels/${on}/messages/${key}` };
  };
  const errorReply = addMessage("response", "error_reply", {
    name: "error_reply",
    title: "Error reply",
    summary: "The request failed: a Parley error code (docs/errors.md) or the contract's own.",
    ...correlated(),
    payload: envelopeWith("response", { $ref: `#/components/schemas/${ERROR_PAYLOAD}` }),
  });

  for (const r of model.requests) {
    const types = requestTypeNames(r.name);
    const payloadName = `${types.request}Payload`;
    schemas[payloadName] = withTypeKey("request_type", r.name, types.request, schemas);
    const request = addMessage("request", `${r.name}_request`, {
      name: r.name,
      title: `${r.name} request`,
      ...(r.description === undefined ? {} : { summary: r.description }),
      ...correlated(),
      payload: envelopeWith("request", { $ref: `#/components/schemas/${payloadName}` }),
    });
    const response = addMessage("response", `${r.name}_response`, {
      name: `${r.name}_response`,
      title: `${r.name} response`,
      ...correlated(),
      payload: envelopeWith("response", { $ref: `#/components/schemas/${types.response}` }),
    });
    operations[`serve_${r.name}`] = {
      action: "receive",
      channel: { $ref: "#/channels/request" },
      title: `Serve ${r.name}`,
      summary: `${r.description ?? r.name} (contract version ${r.version})`,
      messages: [request],
      reply: {
        address: {
          location: "$message.payload#/sender_id",
          description: `The reply goes to ${addressFor(AGENT, "response")}, where the recipient is the request's sender_id.`,
        },
        channel: { $ref: "#/channels/response" },
        messages: [response, errorReply],
      },
    };
  }

  for (const b of model.broadcasts) {
    const typeName = broadcastTypeName(b.name);
    const payloadName = `${typeName}Payload`;
    schemas[payloadName] = withTypeKey("broadcast_type", b.name, typeName, schemas);
    const message = addMessage("broadcast", b.name, {
      name: b.name,
      title: `${b.name} broadcast`,
      ...(b.description === undefined ? {} : { summary: b.description }),
      contentType: "application/json",
      payload: envelopeWith("broadcast", { $ref: `#/components/schemas/${payloadName}` }),
    });
    operations[`broadcast_${b.name}`] = {
      action: "send",
      channel: { $ref: "#/channels/broadcast" },
      title: `Broadcast ${b.name}`,
      summary: `${b.description ?? b.name} (contract version ${b.version})`,
      messages: [message],
    };
  }

  const document = {
    asyncapi: "3.0.0",
    info: {
      title: options.title ?? "Parley agents",
      version: options.version ?? "1.0.0",
      description:
        "Parley agents speaking the seed A2A protocol: JSON envelopes over a message broker (MQTT topics; NATS subjects and the WebSocket hub map the same addresses). Each operation is seen from an agent that serves the request types and sends the broadcasts.",
    },
    defaultContentType: "application/json",
    channels: {
      request: inbox("request", "Requests to an agent (or a worker pool).", channel.request),
      response: inbox("response", "Responses and error replies to a caller.", channel.response),
      error: inbox("error", "A caller cancelling a request it sent.", {
        cancel: { $ref: "#/components/messages/cancel" },
      }),
      broadcast: {
        address: addressFor(null, "broadcast"),
        title: "Broadcasts",
        description: "Every agent hears them; payload.broadcast_type says which.",
        messages: channel.broadcast,
      },
      heartbeat: {
        address: addressFor(null, "heartbeat"),
        title: "Heartbeats",
        description: "Liveness and load of each agent.",
        messages: { heartbeat: { $ref: "#/components/messages/heartbeat" } },
      },
      presence: {
        address: presenceAddress(AGENT),
        title: "Presence cards",
        description:
          "Parley's own, outside the seed's subscriptions: each agent's retained card (an agent_announcement broadcast envelope), emptied when it leaves.",
        parameters: { agentId: { description: "The agent the card describes." } },
        messages: { presence_card: { $ref: "#/components/messages/presence_card" } },
      },
    },
    operations: {
      ...operations,
      send_heartbeat: {
        action: "send",
        channel: { $ref: "#/channels/heartbeat" },
        title: "Send heartbeats",
      },
      receive_cancel: {
        action: "receive",
        channel: { $ref: "#/channels/error" },
        title: "Stop a request its caller cancelled",
      },
      announce_presence: {
        action: "send",
        channel: { $ref: "#/channels/presence" },
        title: "Publish the retained presence card",
      },
    },
    components: {
      schemas,
      messages: {
        ...messages,
        cancel: generic("cancel", "error", "correlation_id names the request to stop."),
        heartbeat: generic("heartbeat", "heartbeat", "Sent every heartbeat interval."),
        presence_card: generic("presence_card", "broadcast", "The agent's card (agent_info)."),
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A channel addressed to one agent: `a2a/{agentId}/<type>`. */
function inbox(
  type: "request" | "response" | "error",
  description: string,
  messages: SchemaObject,
): SchemaObject {
  return {
    address: addressFor(AGENT, type),
    title: `${type[0]?.toUpperCase()}${type.slice(1)}s`,
    description,
    parameters: { agentId: { description: "The recipient: an agent id or a worker pool name." } },
    messages,
  };
}

/** Content type and the correlation id that pairs a request with its reply. */
function correlated(): SchemaObject {
  return {
    contentType: "application/json",
    correlationId: { location: "$message.payload#/correlation_id" },
  };
}

/** A message whose payload is any object (heartbeats, cancel notices, presence cards). */
function generic(name: string, messageType: string, summary: string): SchemaObject {
  return {
    name,
    summary,
    contentType: "application/json",
    payload: envelopeWith(messageType, { type: "object" }),
  };
}
