/**
 * The responder's record of every handler run: one request id per line, appended with a
 * synchronous write before the handler answers, so a run survives the responder's SIGKILL and
 * the responder started after it appends to the same file.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";

/** Opens `path` for appending; the returned function records one handler run. */
export function openExecutionLog(path: string): (requestId: string) => void {
  const fd = openSync(path, "a");
  process.once("exit", () => closeSync(fd));
  return (requestId) => {
    writeSync(fd, `${requestId}\n`);
  };
}

/** Handler runs in the log, and the request ids that ran more than once. */
export function readExecutionLog(path: string): { runs: number; duplicated: number } {
  const counts = new Map<string, number>();
  let runs = 0;
  for (const id of readFileSync(path, "utf8").split("\n")) {
    if (id === "") continue;
    runs++;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  let duplicated = 0;
  for (const count of counts.values()) if (count > 1) duplicated++;
  return { runs, duplicated };
}
