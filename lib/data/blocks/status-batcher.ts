/*
 * Under load the relay's status checks arrive many at a time, and on this kind of machine
 * every database round trip is a costly write syscall on both sides. Checks that arrive in
 * the same turn of the event loop are therefore collected and answered together, by one
 * statement (the DataLoader pattern): a lone check waits for nothing but the end of the
 * current I/O phase (setImmediate), and each caller gets exactly its own answer.
 */

const MAX_BATCH = 256;

interface Pending<Q, A> {
  query: Q;
  resolve: (answer: A) => void;
  reject: (error: unknown) => void;
}

/** Wraps `run` (answers for a list of queries, in order) into a function of one query that batches calls. */
export function createBatcher<Q, A>(run: (queries: Q[]) => Promise<A[]>): (query: Q) => Promise<A> {
  let waiting: Pending<Q, A>[] = [];

  async function flush(batch: Pending<Q, A>[]) {
    try {
      const answers = await run(batch.map((pending) => pending.query));
      batch.forEach((pending, index) => pending.resolve(answers[index]!));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  return (query) =>
    new Promise<A>((resolve, reject) => {
      waiting.push({ query, resolve, reject });
      if (waiting.length === 1) {
        setImmediate(() => {
          const all = waiting;
          waiting = [];
          for (let start = 0; start < all.length; start += MAX_BATCH) void flush(all.slice(start, start + MAX_BATCH));
        });
      }
    });
}
