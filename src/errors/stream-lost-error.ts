/** The error a streamed request fails with when parts of its response never came. */

import type { LostParts } from "../outbound/stream-part-order.js";
import { ErrorCode, ParleyError } from "./parley-error.js";

/** `stream_incomplete`, naming how many parts were lost and the first, with all counts in details. */
export function streamLostError(requestType: string, to: string, lost: LostParts): ParleyError {
  const first = lost.missing[0];
  return new ParleyError(
    ErrorCode.stream_incomplete,
    `streamed response to "${requestType}" from "${to}" lost ${lost.missingCount} part(s)` +
      (first === undefined ? "" : `, the first with seq ${first}`),
    {
      details: {
        to,
        request_type: requestType,
        missing: lost.missing,
        missing_count: lost.missingCount,
        received: lost.received,
        ...(lost.total === undefined ? {} : { total: lost.total }),
      },
    },
  );
}
