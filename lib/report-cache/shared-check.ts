/*
 * A burst of views of one link asks Postgres the same question many times a millisecond.
 * Views that arrive while that question is on its way share the next asking of it: one
 * query sent once the current one has returned, so it is always sent after they arrived.
 * Each view therefore still gets an answer from the database as it stood when the view
 * came in (what a query of its own would give), while the queries per link are bounded by
 * one in flight plus one waiting, however many views arrive.
 */

interface Slot<T> {
  /** The asking on its way now. */
  running: Promise<T>;
  /** The next asking, for everyone who arrived after `running` was sent; not yet sent. */
  queued: Promise<T> | null;
}

export class SharedCheck<T> {
  private readonly slots = new Map<string, Slot<T>>();

  /** The answer of `ask` for `key`, from an asking sent no earlier than this call. */
  run(key: string, ask: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (!slot) return this.start(key, ask);
    slot.queued ??= slot.running.then(
      () => this.promote(key, ask),
      () => this.promote(key, ask),
    );
    return slot.queued;
  }

  /** Keys with an asking in flight (tests, metrics). */
  get inFlight(): number {
    return this.slots.size;
  }

  private start(key: string, ask: () => Promise<T>): Promise<T> {
    const running = ask();
    const slot: Slot<T> = { running, queued: null };
    this.slots.set(key, slot);
    const settle = () => {
      if (this.slots.get(key) === slot && slot.queued === null) this.slots.delete(key);
    };
    running.then(settle, settle);
    return running;
  }

  // Runs when the previous asking has returned: the queued one becomes the running one.
  private promote(key: string, ask: () => Promise<T>): Promise<T> {
    this.slots.delete(key);
    return this.start(key, ask);
  }
}
