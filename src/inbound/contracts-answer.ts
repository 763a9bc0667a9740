/**
 * The answer to the built-in `parley.contracts` request, kept encoded: it is built and encoded
 * once, and again only after the set of handlers changed, so a burst of these requests costs a
 * copy of bytes each, not a walk over the contracts and a JSON encoding.
 */

import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { contractDocumentsFor } from "../wire/contract-documents.js";
import type { ContractSet } from "../wire/contracts.js";

const encoder = new TextEncoder();

export class ContractsAnswer {
  readonly #contracts: ContractSet | undefined;
  #servedKey: string | undefined;
  #encoded: Uint8Array = new Uint8Array(0);

  constructor(contracts: ContractSet | undefined) {
    this.#contracts = contracts;
  }

  /**
   * The payload's JSON bytes for an agent serving `requestTypes` (sorted).
   * @throws ParleyError `invalid_response` when hand-written documents are not JSON.
   */
  encoded(requestTypes: readonly string[]): Uint8Array {
    const key = requestTypes.join("\n");
    if (key !== this.#servedKey) {
      const documents = contractDocumentsFor(this.#contracts, requestTypes);
      try {
        this.#encoded = encoder.encode(JSON.stringify(documents));
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new ParleyError(
          ErrorCode.invalid_response,
          `the contract documents cannot be encoded as JSON (${why})`,
          { cause },
        );
      }
      this.#servedKey = key;
    }
    return this.#encoded;
  }
}
