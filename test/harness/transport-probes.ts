/**
 * Await what a transport delivers or reports, instead of sleeping: a message sink whose
 * `next()`/`count()` promises settle when messages arrive, and a status waiter.
 */
import type {
  Deliver,
  InboundMessage,
  Transport,
  TransportStatus,
} from "../../transports/transport.js";

/** Collects delivered messages; pass `deliver` to `subscribe`. */
export interface MessageSink {
  readonly deliver: Deliver;
  /** Every message so far, in arrival order. */
  readonly messages: readonly InboundMessage[];
  /** Resolves with the next message not yet taken by `next()`. */
  next(): Promise<InboundMessage>;
  /** Resolves once at least `n` messages have arrived in total. */
  count(n: number): Promise<readonly InboundMessage[]>;
  /** Resolves with the first message so far or to come that satisfies `match`. */
  find(match: (message: InboundMessage) => boolean): Promise<InboundMessage>;
}

/** Creates an empty {@link MessageSink}. */
export function messageSink(): MessageSink {
  const messages: InboundMessage[] = [];
  const waiters = new Set<() => boolean>();
  let taken = 0;

  /** Resolves with `check()`'s first defined result, checked now and after each message. */
  function when<T>(check: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const attempt = (): boolean => {
        const result = check();
        if (result === undefined) return false;
        resolve(result);
        return true;
      };
      if (!attempt()) waiters.add(attempt);
    });
  }

  return {
    deliver(message) {
      messages.push(message);
      for (const attempt of [...waiters]) if (attempt()) waiters.delete(attempt);
    },
    messages,
    next() {
      const index = taken++;
      return when(() => messages[index]);
    },
    count(n) {
      return when(() => (messages.length >= n ? messages : undefined));
    },
    find(match) {
      return when(() => messages.find(match));
    },
  };
}

/** Resolves with the first status of `transport` that satisfies `match`. */
export function nextStatus(
  transport: Transport,
  match: (status: TransportStatus) => boolean,
): Promise<TransportStatus> {
  return new Promise((resolve) => {
    const off = transport.onStatus((status) => {
      if (!match(status)) return;
      off();
      resolve(status);
    });
  });
}

/** Records every status `transport` reports from now on. */
export function statusLog(transport: Transport): TransportStatus[] {
  const log: TransportStatus[] = [];
  transport.onStatus((status) => log.push(status));
  return log;
}

/**
 * Publishes with `send` every `intervalMs` until `arrived` settles; for the moment after a
 * subscription is made on another node of a cluster, when its interest is still spreading.
 */
export async function repeatUntil(
  send: () => Promise<void>,
  arrived: Promise<unknown>,
  intervalMs = 20,
): Promise<void> {
  let done = false;
  const finished = arrived.finally(() => {
    done = true;
  });
  while (!done) {
    await send().catch(() => {});
    await Promise.race([finished, new Promise((r) => setTimeout(r, intervalMs))]);
  }
  await finished;
}
