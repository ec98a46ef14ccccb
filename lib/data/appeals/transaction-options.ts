/*
 * Options for the sender actions' transactions. A burst of submissions on one block queues
 * behind the unique index; waiting a little longer for a pooled connection turns that burst
 * into clear answers ("already requested") rather than timeouts.
 */
export const SENDER_TX_OPTIONS = { maxWait: 5_000, timeout: 10_000 } as const;
