/** Waiting for something that may never finish (a goodbye over a connection that died unnoticed). */

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects, leaves no timer. */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.then(
      () => {},
      () => {},
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
