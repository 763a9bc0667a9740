/** Identifier helpers: wire names (`knowledge_search`) to TypeScript names. */

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `knowledge_search` -> `KnowledgeSearch`. */
export function pascalCase(name: string): string {
  const result = words(name)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return /^[0-9]/.test(result) ? `T${result}` : result;
}

/** `knowledge_search` -> `knowledgeSearch`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `knowledge_search` -> `knowledge-search` (file names). */
export function kebabCase(name: string): string {
  return words(name)
    .map((w) => w.toLowerCase())
    .join("-");
}
