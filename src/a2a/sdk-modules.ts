/**
 * `@a2a-js/sdk` and express are optional peer dependencies: only the A2A gateway and the remote
 * A2A agent load them, when they start, so `parley-a2a` itself keeps no hard dependency and a
 * missing one is a one-line {@link MissingPackageError} naming what to install. Each loader keeps
 * literal `import(...)`s so bundlers still see the packages.
 */
import { importOptional } from "../util/optional-package.js";

/** The SDK's modules the gateway serves HTTP with. */
export interface A2aServerModules {
  readonly core: typeof import("@a2a-js/sdk");
  readonly server: typeof import("@a2a-js/sdk/server");
  readonly http: typeof import("@a2a-js/sdk/server/express");
  readonly errors: typeof import("@a2a-js/sdk/errors");
  readonly express: typeof import("express");
}

/** The SDK's modules a remote A2A agent is called with. */
export interface A2aClientModules {
  readonly core: typeof import("@a2a-js/sdk");
  readonly client: typeof import("@a2a-js/sdk/client");
}

/** Loads the SDK's server side and express, or throws MissingPackageError. */
export async function loadA2aServer(user: string): Promise<A2aServerModules> {
  return importOptional(["@a2a-js/sdk", "express"], user, async () => {
    const [core, server, http, errors, express] = await Promise.all([
      import("@a2a-js/sdk"),
      import("@a2a-js/sdk/server"),
      import("@a2a-js/sdk/server/express"),
      import("@a2a-js/sdk/errors"),
      import("express"),
    ]);
    return { core, server, http, errors, express: express.default };
  });
}

/** Loads the SDK's client side, or throws MissingPackageError. */
export async function loadA2aClient(user: string): Promise<A2aClientModules> {
  return importOptional(["@a2a-js/sdk"], user, async () => {
    const [core, client] = await Promise.all([import("@a2a-js/sdk"), import("@a2a-js/sdk/client")]);
    return { core, client };
  });
}
