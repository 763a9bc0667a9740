/** The error a call is refused with when the agent called serves another major contract version. */
import { ErrorCode, ParleyError } from "./parley-error.js";

/** `to` serves `requestType` under contract `theirs`; the caller speaks `ours`. */
export function incompatibleContractError(
  to: string,
  requestType: string,
  ours: string,
  theirs: string,
): ParleyError {
  return new ParleyError(
    ErrorCode.incompatible_contract,
    `agent "${to}" serves "${requestType}" v${theirs}, incompatible with this caller's v${ours}; nothing was sent (ignoreContractVersion: true sends anyway)`,
    { details: { to, request_type: requestType, caller_version: ours, agent_version: theirs } },
  );
}
