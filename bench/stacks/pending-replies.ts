/** Replies matched to their requests by a correlation id, for the raw clients. */

export interface PendingReplies {
  /** A fresh correlation id and the promise its reply settles. */
  open(): { id: string; reply: Promise<unknown> };
  /** Settles the request with this id; an unknown id (a late duplicate) is ignored. */
  settle(id: string, reply: unknown): void;
}

export function createPendingReplies(): PendingReplies {
  const waiting = new Map<string, (reply: unknown) => void>();
  let next = 0;
  return {
    open() {
      const id = (next++).toString(36);
      const reply = new Promise<unknown>((resolve) => waiting.set(id, resolve));
      return { id, reply };
    },
    settle(id, reply) {
      const resolve = waiting.get(id);
      if (resolve === undefined) return;
      waiting.delete(id);
      resolve(reply);
    },
  };
}
