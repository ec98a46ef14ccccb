import pg from "pg";

/*
 * Database round trips per view, counted where they land: Postgres's own per-database
 * transaction counters. Every statement the app sends outside a transaction block is one
 * transaction, so the counters go up by exactly the statements (round trips) a view cost.
 * Backends report their counters when they go idle, at most once a second, else within
 * 10 s (PGSTAT_IDLE_INTERVAL); hence the pause before each reading.
 */
const SETTLE_MS = 11_000;

export interface RoundTrips {
  label: string;
  views: number;
  perView: number;
}

export class TransactionCounter {
  private own = 0;

  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<TransactionCounter> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new TransactionCounter(client);
  }

  /** A statement of the benchmark's own (e.g. a change before a view), kept out of the count. */
  async exec(sql: string, params: unknown[] = []): Promise<void> {
    this.own += 1;
    await this.client.query(sql, params);
  }

  private async settledTotal(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    this.own += 1;
    const { rows } = await this.client.query<{ n: string }>(
      "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0]!.n);
  }

  /** Runs `view` for i = 0 … views-1 (with `before` first, if given) and divides the transactions the app made by `views`. */
  async measure(label: string, views: number, view: (i: number) => Promise<void>, before?: (i: number) => Promise<void>): Promise<RoundTrips> {
    const start = await this.settledTotal();
    const ownAtStart = this.own - 1; // the reading itself is reported with the next total
    for (let i = 0; i < views; i += 1) {
      await before?.(i);
      await view(i);
    }
    const end = await this.settledTotal();
    const own = this.own - 1 - ownAtStart;
    return { label, views, perView: (end - start - own) / views };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
