/**
 * Command-line options of the reliability harness (`npm run bench:reliability -- --runs 3`) and
 * their defaults, sized so that the default run ends in a few minutes on a 2-core machine.
 */
import { parseArgs } from "node:util";
import type { RunSettings } from "./run-once.js";

export interface HarnessOptions {
  /** Runs of each scenario. @default 1 */
  readonly runs: number;
  /** Only the scenarios whose name contains this text. @default every scenario */
  readonly only: string | undefined;
  /** Write docs/reliability.md and docs/reliability.json. @default true */
  readonly write: boolean;
  readonly settings: RunSettings;
}

/** Requests per run. */
export const DEFAULT_REQUESTS = 2000;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 32;
/** Each request's timeout. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** A request unsettled this long after its timeout counts as hung. */
export const DEFAULT_HANG_MARGIN_MS = 2_000;
/** A rejected worker's pause before its next request. */
export const DEFAULT_BACKOFF_MS = 500;
/** How long the crashed broker or responder stays down. */
export const DEFAULT_DOWNTIME_MS = 1_000;

const USAGE = `usage: npm run bench:reliability -- [--runs N] [--requests N] [--concurrency N]
  [--timeout-ms MS] [--hang-margin-ms MS] [--backoff-ms MS] [--downtime-ms MS] [--only TEXT] [--no-write]`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer\n${USAGE}`);
  return n;
}

export function parseHarnessOptions(argv: readonly string[]): HarnessOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: "string" },
      requests: { type: "string" },
      concurrency: { type: "string" },
      "timeout-ms": { type: "string" },
      "hang-margin-ms": { type: "string" },
      "backoff-ms": { type: "string" },
      "downtime-ms": { type: "string" },
      only: { type: "string" },
      "no-write": { type: "boolean" },
    },
  });
  return {
    runs: positive("runs", values.runs, 1),
    only: values.only,
    write: values["no-write"] !== true,
    settings: {
      requests: positive("requests", values.requests, DEFAULT_REQUESTS),
      concurrency: positive("concurrency", values.concurrency, DEFAULT_CONCURRENCY),
      timeoutMs: positive("timeout-ms", values["timeout-ms"], DEFAULT_TIMEOUT_MS),
      hangMarginMs: positive("hang-margin-ms", values["hang-margin-ms"], DEFAULT_HANG_MARGIN_MS),
      backoffMs: positive("backoff-ms", values["backoff-ms"], DEFAULT_BACKOFF_MS),
      downtimeMs: positive("downtime-ms", values["downtime-ms"], DEFAULT_DOWNTIME_MS),
    },
  };
}
