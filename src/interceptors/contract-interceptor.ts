/**
 * An interceptor for one request type, typed by its contract: its hooks see that type's request
 * payload and response (the types `parley codegen` generates), and run for calls of that type
 * only; every other call passes through untouched. Interceptors for every type take the base
 * {@link Interceptor} instead.
 */
import type { InboundCall, Interceptor, OutboundCall } from "../inbound/handler-context.js";
import type { JsonObject } from "../wire/envelope.js";

/** The hooks of an interceptor for one request type. */
export interface ContractInterceptor<TRequest, TResponse> {
  readonly name?: string;
  /** Around a request or stream of this type (each attempt), as {@link Interceptor.outbound}. */
  outbound?(call: OutboundCall<TRequest>, next: () => Promise<TResponse>): Promise<TResponse>;
  /** Each streamed part of a stream of this type. */
  onPart?(call: OutboundCall<TRequest>, part: unknown): void;
  /** Around this type's handler, as {@link Interceptor.inbound}. */
  inbound?(call: InboundCall<TRequest>, next: () => Promise<TResponse>): Promise<TResponse>;
}

/**
 * An {@link Interceptor} that runs `hooks` for requests (and streams) of `requestType` only:
 * `interceptorFor<KnowledgeSearchRequest, KnowledgeSearchResponse>("knowledge_search", {...})`.
 */
export function interceptorFor<TRequest, TResponse = JsonObject>(
  requestType: string,
  hooks: ContractInterceptor<TRequest, TResponse>,
): Interceptor {
  const applies = (call: { kind: string; type: string }): boolean =>
    call.kind !== "broadcast" && call.type === requestType;
  const { outbound, onPart, inbound } = hooks;
  const interceptor: { -readonly [K in keyof Interceptor]: Interceptor[K] } = {
    name: hooks.name ?? requestType,
  };
  // The casts are the contract's promise: a call of this type carries its contract's payload.
  if (outbound)
    interceptor.outbound = (call, next) =>
      applies(call) ? outbound.call(hooks, call as never, next as never) : next();
  if (onPart)
    interceptor.onPart = (call, part) => {
      if (applies(call)) onPart.call(hooks, call as never, part);
    };
  if (inbound)
    interceptor.inbound = (call, next) =>
      applies(call) ? inbound.call(hooks, call as never, next as never) : next();
  return interceptor;
}
