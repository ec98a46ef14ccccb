import "server-only";
import pg from "pg";
import type { ActiveBlock } from "@/lib/data/blocks";
import { asciiSenderForm } from "@/lib/data/blocks/sender-forms";
import { logger } from "@/lib/log";

/*
 * Most messages a relay handles come from senders with no block at all. The policy
 * service keeps in memory which SMTP logins and which sender addresses have an open block
 * (any at all), and answers everyone else DUNNO without a query; only a sender that may be
 * blocked is looked up (listActiveBlocks, the authoritative answer, with the link).
 *
 * It also remembers the answers it gave blocked senders (the blocks, with their links), so
 * a sender that keeps sending costs no query per message.
 *
 * Staying current: a block becomes open by being inserted (or, rarely, by a lifted block
 * being put back in force: `block_reopened`, migration 20261207100000, reloads the set), and stops blocking or
 * gets a new link only by an update of its status or sealed secret; those statements
 * notify `block_opened` and `block_changed` when they commit (migration 20261207030100).
 * On `block_opened` the blocks created since the last look (with a minute of overlap for
 * clock differences between app instances) are added; on either, every remembered answer
 * is forgotten. Remembered answers also end at the earliest expiry among their blocks and
 * after a minute. The set is reloaded every minute, which forgets blocks that ended, and
 * after any lost connection. While it is not known (at start, or the database unreachable)
 * every sender is looked up and nothing is remembered, so the answer is then the
 * database's or POLICY_ON_ERROR's, never a guess.
 *
 * Addresses are kept as Postgres lowercases them (lower()) and also with their domain in
 * A-labels without a trailing dot (sender-forms.ts), as lookups match every form of a domain.
 * JavaScript lowercases some non-ASCII capitals differently from Postgres (İ, final Σ), so
 * a sender with any non-ASCII character is always looked up; an ASCII one is answered from
 * the set by its own lowercase and that without a trailing dot (its A-label form).
 */
const NON_ASCII = /[^\x00-\x7f]/;
/** How remembered answers are keyed: lowercased where JavaScript and Postgres agree on it (ASCII). */
const senderKey = (sender: string) => (NON_ASCII.test(sender) ? sender : sender.toLowerCase());

const OPEN_BLOCKS = `SELECT u.username AS login, lower(b.sender_address) AS sender
  FROM block b JOIN smtp_user u ON u.id = b.smtp_user_id
  WHERE b.status IN ('ACTIVE', 'UNDER_REVIEW')`;
const OVERLAP_MS = 60_000;
const RELOAD_MS = 60_000;
const RETRY_MS = 1000;
const ANSWER_TTL_MS = 60_000;
const MAX_ANSWERS = 100_000;

interface Remembered {
  blocks: ActiveBlock[];
  until: number;
}

export class OpenSenders {
  private logins = new Set<string>();
  private senders = new Set<string>();
  private known = false;
  /** The connection being set up or in use; `client` once it listens. */
  private active: pg.Client | undefined;
  private client: pg.Client | undefined;
  private lastLook = 0;
  private reloadTimer: NodeJS.Timeout | undefined;
  private looking: Promise<void> = Promise.resolve();
  private stopped = false;
  private answers = new Map<string, Remembered>();
  /** Bumped whenever remembered answers are forgotten; an answer looked up across a bump is not kept. */
  private generation = 0;

  constructor(private readonly databaseUrl: string) {}

  /** Whether a message from this login (empty without SASL) and sender may meet an open block. */
  mayBlock(login: string, sender: string): boolean {
    if (!this.known) return true;
    if (login !== "") return this.logins.has(login);
    if (NON_ASCII.test(sender)) return true;
    const lower = sender.toLowerCase();
    return this.senders.has(lower) || (lower.endsWith(".") && this.senders.has(lower.slice(0, -1)));
  }

  /** The answer remembered for this login and sender, if it is still good. */
  remembered(login: string, sender: string): ActiveBlock[] | undefined {
    if (!this.known) return undefined;
    const key = `${login}\n${senderKey(sender)}`;
    const entry = this.answers.get(key);
    if (entry && entry.until > Date.now()) return entry.blocks;
    if (entry) this.answers.delete(key);
    return undefined;
  }

  /** A token to pass to remember(): answers looked up while blocks changed are not kept. */
  get version(): number {
    return this.generation;
  }

  /** Keeps the (non-empty) answer a lookup started at `version` gave, until its first block expires or a minute passes. */
  remember(login: string, sender: string, blocks: ActiveBlock[], version: number): void {
    if (!this.known || version !== this.generation || blocks.length === 0) return;
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    const expiries = blocks.flatMap((block) => (block.expiresAt ? [Date.parse(block.expiresAt)] : []));
    this.answers.set(`${login}\n${senderKey(sender)}`, {
      blocks,
      until: Math.min(Date.now() + ANSWER_TTL_MS, ...expiries),
    });
  }

  private forgetAnswers(): void {
    this.generation += 1;
    this.answers.clear();
  }

  /** Whether the set is loaded and kept current (else every sender is looked up). */
  get ready(): boolean {
    return this.known;
  }

  /** Connects, listens and loads; keeps retrying in the background while the database is unreachable. */
  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.known = false;
    clearTimeout(this.reloadTimer);
    const client = this.active;
    this.active = undefined;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  /** Resolves when what was committed before this call is in the set (tests). */
  async catchUp(): Promise<void> {
    await this.look(false);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    this.active = client;
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    client.on("notification", (message) => {
      this.forgetAnswers();
      if (message.channel === "block_opened") void this.look(false).catch(() => {});
      // A lifted block put back in force (an admin reversed the approval): not a new row, so reload all.
      if (message.channel === "block_reopened") void this.look(true).catch(() => {});
    });
    try {
      await client.connect();
      await client.query("LISTEN block_opened; LISTEN block_changed; LISTEN block_reopened");
      this.client = client;
      await this.look(true);
      this.scheduleReload();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (client !== this.active) return;
    this.active = undefined;
    if (this.known)
      logger.warn(
        { err: error instanceof Error ? error.message : undefined },
        "policy service: lost the block notifications; looking every sender up until reconnected",
      );
    this.known = false;
    this.client = undefined;
    this.forgetAnswers();
    clearTimeout(this.reloadTimer);
    void client.end().catch(() => {});
    if (!this.stopped) setTimeout(() => void this.connect(), RETRY_MS).unref();
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      void this.look(true).then(
        () => this.scheduleReload(),
        (error: unknown) => this.active && this.lost(this.active, error),
      );
    }, RELOAD_MS);
    this.reloadTimer.unref();
  }

  /** Adds the blocks created since the last look, or (full) replaces the set with every open block. */
  private look(full: boolean): Promise<void> {
    this.looking = this.looking
      .catch(() => {})
      .then(async () => {
        const client = this.client;
        if (!client) throw new Error("not connected");
        const started = Date.now();
        const { rows } = full
          ? await client.query<{ login: string; sender: string | null }>(OPEN_BLOCKS)
          : await client.query<{ login: string; sender: string | null }>(`${OPEN_BLOCKS} AND b.created_at > $1`, [
              new Date(this.lastLook - OVERLAP_MS),
            ]);
        const logins = full ? new Set<string>() : this.logins;
        const senders = full ? new Set<string>() : this.senders;
        for (const row of rows) {
          logins.add(row.login);
          if (row.sender !== null) {
            senders.add(row.sender);
            senders.add(asciiSenderForm(row.sender));
          }
        }
        this.logins = logins;
        this.senders = senders;
        this.lastLook = started;
        this.known = true;
      });
    return this.looking;
  }
}
