/** The contract `parley call` checks a request type against: the package's generated contracts. */
import { contracts } from "../src/generated/contracts.js";
import type { RequestContract } from "../src/index.js";

/** The contract of `requestType`, or undefined when the CLI knows none (sent as given). */
export function contractFor(requestType: string): RequestContract | undefined {
  return contracts.requests[requestType];
}
