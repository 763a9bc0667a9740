/**
 * One-line errors for what goes wrong between the NATS transport and its server. The nats.js
 * error stays attached as `cause`.
 */
import { MissingPackageError } from "../../src/util/optional-package.js";

/**
 * nats.js v3's error classes, told apart by the `name` each sets, which spares importing nats.js
 * (an optional peer dependency) just to use `instanceof`.
 */
type NatsErrorName =
  | "ConnectionError"
  | "AuthorizationError"
  | "TimeoutError"
  | "InvalidArgumentError";

function isNatsError(err: unknown, name: NatsErrorName): err is Error {
  return err instanceof Error && err.name === name;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").replace(/^'|'$/g, "").trim() || "unknown error";
}

/** Why `connect()` failed, naming the servers tried. */
export function connectError(servers: readonly string[], err: unknown, timeoutMs: number): Error {
  // Already one line that says what to do.
  if (err instanceof MissingPackageError) return err;
  const where = servers.join(", ");
  let why: string;
  // nats.js v3 reports failures as error classes, not codes. A refused TCP dial is a
  // ConnectionError "connection refused"; over WebSocket it carries the socket's error message
  // (`ws`'s "connect ECONNREFUSED ...", none at all in browsers, which do not say why).
  if (
    isNatsError(err, "ConnectionError") &&
    (err.message === "connection refused" || err.message.includes("ECONNREFUSED"))
  ) {
    why = "connection refused (is a nats-server listening there?)";
  } else if (isNatsError(err, "ConnectionError") && err.message === "") {
    why = "the WebSocket connection failed (is a nats-server websocket listener there?)";
  } else if (isNatsError(err, "AuthorizationError")) {
    why = "authorization violation (wrong or missing user/pass, token or credentials)";
  } else if (isNatsError(err, "TimeoutError")) {
    why = `no NATS handshake within ${timeoutMs} ms`;
  } else {
    why = firstLine(err);
  }
  return new Error(`nats transport could not connect to ${where}: ${why}`, { cause: err });
}

/** Why `publish()` failed before the message left the client. */
export function publishError(
  address: string,
  size: number,
  maxPayload: number | undefined,
  err: unknown,
): Error {
  // nats.js v3 has no error code for it: an InvalidArgumentError "'payload' max_payload size exceeded".
  if (isNatsError(err, "InvalidArgumentError") && err.message.includes("max_payload")) {
    const limit = maxPayload === undefined ? "" : ` of ${maxPayload} bytes`;
    return new Error(
      `nats transport: message of ${size} bytes to "${address}" exceeds the server's max_payload${limit}`,
      { cause: err },
    );
  }
  return new Error(`nats transport could not publish to "${address}": ${firstLine(err)}`, {
    cause: err,
  });
}
