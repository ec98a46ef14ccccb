/*
 * Postfix's policy delegation protocol (SMTPD_POLICY_README): a request is `name=value`
 * lines ended by an empty line; the answer is one `action=…` line and an empty line. A
 * connection carries any number of requests, one after another. Pure: no sockets here.
 */

/** Past these a request is refused and the connection closed: Postfix sends about 30 short attributes. */
export const MAX_REQUEST_BYTES = 16 * 1024;
export const MAX_ATTRIBUTES = 100;

export type PolicyRequest = Record<string, string>;

export class PolicyProtocolError extends Error {
  constructor(readonly reason: "oversized" | "too_many_attributes" | "malformed_line" | "not_a_policy_request") {
    super(reason);
    this.name = "PolicyProtocolError";
  }
}

/**
 * Collects bytes from one connection and hands out complete requests. Throws
 * PolicyProtocolError for input that is not the protocol; the caller closes the connection.
 */
export class PolicyRequestReader {
  private buffered = "";
  private attributes: PolicyRequest = Object.create(null) as PolicyRequest;
  private count = 0;
  private bytes = 0;

  /** Whether part of a request has been read (more than empty lines between requests). */
  get partial(): boolean {
    return this.count > 0 || this.buffered.length > 0;
  }

  /** Feeds one chunk; returns the requests it completed, in order. */
  push(chunk: string): PolicyRequest[] {
    const complete: PolicyRequest[] = [];
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf("\n")) >= 0) {
      const line = this.buffered.slice(0, newline).replace(/\r$/, "");
      this.buffered = this.buffered.slice(newline + 1);
      this.bytes += newline + 1;
      if (this.bytes > MAX_REQUEST_BYTES) throw new PolicyProtocolError("oversized");
      if (line === "") {
        // Empty lines between requests carry nothing; an empty line ends a request that has attributes.
        if (this.count === 0) continue;
        if (this.attributes.request !== "smtpd_access_policy") throw new PolicyProtocolError("not_a_policy_request");
        complete.push(this.attributes);
        this.attributes = Object.create(null) as PolicyRequest;
        this.count = 0;
        this.bytes = 0;
        continue;
      }
      const equals = line.indexOf("=");
      if (equals <= 0) throw new PolicyProtocolError("malformed_line");
      this.count += 1;
      if (this.count > MAX_ATTRIBUTES) throw new PolicyProtocolError("too_many_attributes");
      this.attributes[line.slice(0, equals)] = line.slice(equals + 1);
    }
    if (this.bytes + this.buffered.length > MAX_REQUEST_BYTES) throw new PolicyProtocolError("oversized");
    return complete;
  }
}

/** The answer to one request: `action=<action>` and the empty line. No line breaks may reach it. */
export function formatAnswer(action: string): string {
  return `action=${action.replace(/[\r\n]+/g, " ")}\n\n`;
}
