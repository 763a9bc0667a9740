/**
 * One-line errors for what goes wrong between the NATS transport and its server. The nats.js
 * error stays attached as `cause`.
 */
import { ErrorCode, type NatsError } from "nats";

function codeOf(err: unknown): string | undefined {
  const code = (err as Partial<NatsError> | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").replace(/^'|'$/g, "").trim() || "unknown error";
}

/** Why `connect()` failed, naming the servers tried. */
export function connectError(servers: readonly string[], err: unknown, timeoutMs: number): Error {
  const where = servers.join(", ");
  let why: string;
  switch (codeOf(err)) {
    case ErrorCode.ConnectionRefused:
      why = "connection refused (is a nats-server listening there?)";
      break;
    case ErrorCode.AuthorizationViolation:
    case ErrorCode.BadAuthentication:
      why = "authorization violation (wrong or missing user/pass, token or credentials)";
      break;
    case ErrorCode.ConnectionTimeout:
    case ErrorCode.Timeout:
      why = `no NATS handshake within ${timeoutMs} ms`;
      break;
    default:
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
  if (codeOf(err) === ErrorCode.MaxPayloadExceeded) {
    const limit = maxPayload === undefined ? "" : ` of ${maxPayload} bytes`;
    return new Error(
      `nats transport: message of ${size} bytes to "${address}" exceeds the server's max_payload${limit}`,
      {
        cause: err,
      },
    );
  }
  return new Error(`nats transport could not publish to "${address}": ${firstLine(err)}`, {
    cause: err,
  });
}
