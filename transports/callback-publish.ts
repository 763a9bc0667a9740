/**
 * A publish made through a client library's callback API, as the promise a transport's
 * `publish` returns: {@link PUBLISHED} when the library called back before returning (the
 * message was handed to the socket, nothing to wait for), otherwise a promise its callback
 * settles. Saves the promise, the microtasks and the handlers chained to them that an `async`
 * wrapper costs every message.
 */
import { PUBLISHED } from "./transport.js";

/** Called by the library once: with an error when the message was not sent. */
export type PublishCallback = (error?: Error | null) => void;

const PENDING = 0;
const SENT = 1;
const FAILED = 2;

export function callbackPublish(start: (done: PublishCallback) => void): Promise<void> {
  // A number, not a union of literals: TypeScript cannot see the callback change it.
  let outcome: number = PENDING;
  let failure: unknown;
  let settle: PublishCallback | undefined;
  try {
    start((error) => {
      if (settle) settle(error);
      else if (outcome === PENDING) {
        outcome = error ? FAILED : SENT;
        failure = error;
      }
    });
  } catch (error) {
    return Promise.reject(error);
  }
  if (outcome === SENT) return PUBLISHED;
  if (outcome === FAILED) return Promise.reject(failure);
  return new Promise((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
}
