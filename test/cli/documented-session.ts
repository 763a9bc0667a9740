/**
 * The command-line session a page documents: the commands of the first `sh` block after a
 * heading, as argument lists (comments dropped, `\` continuations joined, single quotes removed
 * as a shell would).
 */
import { readFileSync } from "node:fs";
import { repoPath } from "../harness/seed-python.js";

/** Splits one command line into words: blanks separate, single quotes keep text whole. */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map(([, quoted, bare]) => quoted ?? bare ?? "");
}

/** The commands of the first `sh` block after `heading` in the repository file `page`. */
export function documentedSession(page: string, heading: string): string[][] {
  const markdown = readFileSync(repoPath(page), "utf8");
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`${page} has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(at))?.[1];
  if (block === undefined) throw new Error(`${page}: no sh block after "${heading}"`);
  return block
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "")
    .map(shellWords);
}
