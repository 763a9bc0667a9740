/**
 * Relative links and anchors in Markdown, checked against the files and headings they point to,
 * as GitHub renders them (its heading ids: lower case, punctuation dropped, spaces to hyphens,
 * a repeated heading suffixed -1, -2, ...). Links inside code are not links.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** The Markdown with fenced code blocks and inline code spans blanked out. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The anchors GitHub gives the headings of `markdown`. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "");
  for (const [, text = ""] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Every relative link target (`path`, `path#anchor` or `#anchor`) of `markdown`. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  return targets
    .map(([, target = ""]) => target)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The broken links of the Markdown file at `file`, each as "file: target (why)". */
export function brokenLinks(file: string, root: string): string[] {
  const broken: string[] = [];
  const name = relative(root, file);
  for (const target of relativeLinks(readFileSync(file, "utf8"))) {
    const [path = "", anchor] = target.split("#", 2);
    const resolved = path === "" ? file : join(dirname(file), decodeURIComponent(path));
    if (!existsSync(resolved)) {
      broken.push(`${name}: ${target} (no such file)`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith(".md")) {
      broken.push(`${name}: ${target} (an anchor into something that is not a Markdown file)`);
    } else if (!headingAnchors(readFileSync(resolved, "utf8")).has(anchor)) {
      broken.push(`${name}: ${target} (no such heading)`);
    }
  }
  return broken;
}

/** Every `.md` file under `dir`, recursively. */
export function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((entry) => entry.endsWith(".md"))
    .map((entry) => join(dir, entry))
    .sort();
}
