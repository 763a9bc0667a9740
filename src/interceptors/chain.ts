/**
 * Runs a call through its interceptors: the agent's in array order, outermost first, then the
 * call's own inside them, then the call itself. Only built when some interceptor is configured:
 * an agent without any never comes here.
 */
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import type {
  InboundCall,
  Interceptor,
  OutboundCall,
  RequestOptions,
} from "../inbound/handler-context.js";

/**
 * False for an interceptor without any hook: it does nothing, so an agent leaves it out and its
 * calls keep the plain path (OpenTelemetry's interceptor is one when no SDK is registered).
 */
export function hasHooks(interceptor: Interceptor): boolean {
  return (
    interceptor.outbound !== undefined ||
    interceptor.inbound !== undefined ||
    interceptor.onPart !== undefined
  );
}

/** The interceptors of one call: the agent's, then the request's own. */
export function interceptorsOf(
  agent: readonly Interceptor[],
  options: RequestOptions,
): readonly Interceptor[] {
  const own = options.interceptors;
  return own === undefined || own.length === 0 ? agent : [...agent, ...own];
}

/**
 * Calls `hook` of each interceptor from `from` on that has it, outermost first, around
 * `last(call)`. Per call: one `next` per hook that runs, no other closure or promise of its own.
 */
function run<C>(
  interceptors: readonly Interceptor[],
  hook: "outbound" | "inbound",
  call: C,
  last: (call: C) => Promise<unknown>,
  from: number,
): Promise<unknown> {
  for (let i = from; i < interceptors.length; i++) {
    const interceptor = interceptors[i] as Interceptor;
    const wrap = interceptor[hook] as
      | ((call: C, next: () => Promise<unknown>) => Promise<unknown>)
      | undefined;
    if (wrap === undefined) continue;
    const inner = i + 1;
    let called = false;
    const next = (): Promise<unknown> => {
      if (called) return Promise.reject(twice(interceptor));
      called = true;
      return run(interceptors, hook, call, last, inner);
    };
    try {
      // A native promise comes back as it is: no layer added.
      return Promise.resolve(wrap.call(interceptor, call, next));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  try {
    return last(call);
  } catch (error) {
    return Promise.reject(error);
  }
}

function twice(interceptor: Interceptor): ParleyError {
  return new ParleyError(
    ErrorCode.handler_failed,
    `interceptor ${interceptor.name ?? "(unnamed)"} called next() twice`,
  );
}

/** Runs a caller-side call through the interceptors' `outbound` hooks. */
export function runOutbound<C extends OutboundCall>(
  interceptors: readonly Interceptor[],
  call: C,
  send: (call: C) => Promise<unknown>,
): Promise<unknown> {
  return run(interceptors, "outbound", call, send, 0);
}

/** Hands a streamed part to every interceptor's `onPart`; one that throws does not stop the stream. */
export function notifyPart(
  interceptors: readonly Interceptor[],
  call: OutboundCall,
  part: unknown,
): void {
  for (const interceptor of interceptors) {
    try {
      interceptor.onPart?.(call, part);
    } catch {
      // An observer's bug must not cost the caller its stream.
    }
  }
}

/** Runs a responder-side call through the interceptors' `inbound` hooks. */
export function runInbound<C extends InboundCall>(
  interceptors: readonly Interceptor[],
  call: C,
  handle: (call: C) => Promise<unknown>,
): Promise<unknown> {
  return run(interceptors, "inbound", call, handle, 0);
}
