/** Every section of the conformance suite by name. Imports vitest: loaded only when the suite runs. */
import { badInput } from "./bad-input.js";
import { broadcast } from "./broadcast.js";
import { delegation } from "./delegation.js";
import { dispatch } from "./dispatch.js";
import { errorReplySize } from "./error-reply-size.js";
import { faults } from "./faults.js";
import { omittedKeys } from "./omitted-keys.js";
import { pools } from "./pools.js";
import { presence } from "./presence.js";
import { requestResponse } from "./request-response.js";
import type { ConformanceSection } from "./section.js";
import type { ConformanceSectionName } from "./section-names.js";
import { security } from "./security.js";
import { streaming } from "./streaming.js";
import { transportSemantics } from "./transport-semantics.js";
import { validation } from "./validation.js";

export const sections: Readonly<Record<ConformanceSectionName, ConformanceSection>> = {
  "transport-semantics": transportSemantics,
  "request-response": requestResponse,
  broadcast,
  presence,
  pools,
  delegation,
  dispatch,
  streaming,
  validation,
  "omitted-keys": omittedKeys,
  "error-reply-size": errorReplySize,
  "bad-input": badInput,
  security,
  faults,
};
