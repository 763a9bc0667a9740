import type { StreamEvent } from "../../src/index.js";

/** Every event of a stream, and the error it ended with (undefined when it ended with its response). */
export async function drain(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}
