/** Options of the A2A gateway, their defaults, and the one resolver. */
import type { AgentOptions } from "../agent/options.js";
import { DEFAULT_TIMEOUT_MS } from "../agent/options.js";
import type { ContractSet } from "../wire/contracts.js";
import type { SkillSchemas } from "./skill-catalog.js";

/** @see {@link A2AGatewayOptions.id} */
export const DEFAULT_GATEWAY_ID = "a2a-gateway";
/** @see {@link A2AGatewayOptions.host} */
export const DEFAULT_GATEWAY_HOST = "127.0.0.1";
/** @see {@link A2AGatewayOptions.maxTasks} */
export const DEFAULT_GATEWAY_MAX_TASKS = 1000;

/** Options for {@link startA2AGateway}. */
export interface A2AGatewayOptions {
  /** The mesh the gateway joins. */
  readonly transport: AgentOptions["transport"];
  /** The gateway's own agent id on the mesh. @default "a2a-gateway" */
  readonly id?: string;
  /** HTTP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * The base URL clients reach the gateway at, written into Agent Cards (behind a proxy, the
   * proxy's). @default `http://{host}:{port}` as listened on
   */
  readonly publicUrl?: string;
  /** Contracts: skill descriptions, and requests checked before they are sent. @default none */
  readonly contracts?: ContractSet;
  /** JSON Schemas shown on the cards, by request type. @default none */
  readonly schemas?: SkillSchemas;
  /** Tasks kept for `GetTask` (the newest this many, at most twice as many). @default 1000 */
  readonly maxTasks?: number;
  /** How long a Parley request may take before its task fails with `timeout`. @default 30000 */
  readonly timeoutMs?: number;
  /** The gateway card's name. @default "Parley A2A gateway" */
  readonly name?: string;
  /** More options for the gateway's agent (signing, QoS, ...). @default none */
  readonly agent?: Omit<AgentOptions, "transport" | "id" | "contracts">;
}

/** Every option with its default filled in. */
export interface ResolvedGatewayOptions
  extends Required<Omit<A2AGatewayOptions, "publicUrl" | "contracts" | "agent">> {
  readonly publicUrl: string | undefined;
  readonly contracts: ContractSet | undefined;
  readonly agent: Omit<AgentOptions, "transport" | "id" | "contracts">;
}

export function resolveGatewayOptions(options: A2AGatewayOptions): ResolvedGatewayOptions {
  const maxTasks = options.maxTasks ?? DEFAULT_GATEWAY_MAX_TASKS;
  if (!Number.isInteger(maxTasks) || maxTasks < 1)
    throw new RangeError(`maxTasks must be a positive integer, got ${maxTasks}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`port must be 0..65535, got ${port}`);
  return {
    transport: options.transport,
    id: options.id ?? DEFAULT_GATEWAY_ID,
    port,
    host: options.host ?? DEFAULT_GATEWAY_HOST,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    contracts: options.contracts,
    schemas: options.schemas ?? {},
    maxTasks,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    name: options.name ?? "Parley A2A gateway",
    agent: options.agent ?? {},
  };
}
