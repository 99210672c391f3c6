/**
 * Batches from a stream of items, worked on concurrently, their results yielded a batch at a time in input order, with backpressure: at most
 * `inFlight` batches are being worked on, and the source is read only as results are taken. `work` is told whether a
 * batch is the whole input (`only`): a short input can then be done without starting threads.
 */
export async function* inOrder<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  batchSize: number,
  inFlight: number,
  work: (batch: T[], only: boolean) => Promise<R[]>,
): AsyncGenerator<R[]> {
  const pending: Promise<R[]>[] = [];
  let batch: T[] = [];
  let batches = 0;
  const submit = (only: boolean) => {
    const done = work(batch, only);
    // A rejection is handled when its batch is awaited, in order; this keeps it from being reported as unhandled.
    done.catch(() => {});
    pending.push(done);
    batch = [];
    batches++;
  };
  for await (const item of source) {
    batch.push(item);
    if (batch.length < batchSize) continue;
    submit(false);
    while (pending.length >= inFlight) yield await (pending.shift() as Promise<R[]>);
  }
  if (batch.length > 0) submit(batches === 0);
  while (pending.length > 0) yield await (pending.shift() as Promise<R[]>);
}
