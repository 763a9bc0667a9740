/** The demo's task executors: a tiny knowledge base, a word counter and a pretend transcriber. */
import type { TaskExecutors } from "../../src/seed/index.js";

const KNOWLEDGE: readonly string[] = [
  "Privacy-focused AI assistants keep personal data on the user's own devices.",
  "Local language models let an assistant work without sending prompts to a cloud service.",
  "MQTT is a lightweight publish/subscribe protocol suited to agent messaging.",
];

/** Entries that mention any word (of three letters or more) of the query. */
export function searchKnowledge(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/\W+/)
    .filter((w) => w.length > 2);
  return KNOWLEDGE.filter((entry) =>
    words.some((w) => entry.toLowerCase().includes(w.replace(/s$/, ""))),
  );
}

export const DEMO_EXECUTORS: TaskExecutors = {
  knowledge_search: ({ query }) => ({ matches: searchKnowledge(query) }),
  document_analysis: ({ content }) => ({
    words: (content ?? "").split(/\s+/).filter(Boolean).length,
  }),
  voice_processing: ({ text }) => ({ transcript: text ?? "(no speech)" }),
};
