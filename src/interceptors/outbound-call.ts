/**
 * One attempt of an outgoing call, as interceptors see it and as the send path reads it back:
 * the target, payload and options they may have changed, the metadata they added, and the ids
 * the request goes out with (a retry keeps the correlation id, so a responder that saw an
 * earlier attempt answers it from its reply cache instead of running it again).
 */
import type { CallKind, OutboundCall, RequestOptions } from "../inbound/handler-context.js";
import type { JsonObject } from "../wire/envelope.js";

export class OutboundCallState implements OutboundCall {
  readonly metadata: Record<string, string> = {};
  /** Set by the send path once the envelope is built. */
  messageId: string | undefined = undefined;

  constructor(
    readonly kind: CallKind,
    readonly from: string,
    public to: string | null,
    readonly type: string,
    public payload: JsonObject,
    public options: RequestOptions,
    readonly attempt: number,
    readonly transport: string,
    /** The correlation id every attempt of one request shares; undefined for a broadcast. */
    readonly correlationId: string | undefined,
  ) {}
}

/** What the send path needs of an intercepted call: the metadata and ids it goes out with. */
export interface CallIds {
  readonly metadata: Readonly<Record<string, string>>;
  readonly correlationId: string | undefined;
  readonly attempt: number;
  messageId: string | undefined;
}

/** The call's metadata, or undefined when there is none (nothing to attach to the publish). */
export function metadataOf(
  call: CallIds | undefined,
): Readonly<Record<string, string>> | undefined {
  if (call === undefined) return undefined;
  for (const _ in call.metadata) return call.metadata;
  return undefined;
}
