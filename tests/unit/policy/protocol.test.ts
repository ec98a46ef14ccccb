import { describe, expect, it } from "vitest";
import { formatAnswer, MAX_REQUEST_BYTES, PolicyRequestReader } from "@/lib/policy/protocol";

const request = "request=smtpd_access_policy\nprotocol_state=RCPT\nsender=a@b.example\nsasl_username=user=1\n\n";

describe("the policy protocol reader", () => {
  it("reads requests however the bytes are split, several per connection, values keeping their =", () => {
    const reader = new PolicyRequestReader();
    const text = request + "\n" + request.replace("a@b.example", "") + request.replace(/\n/g, "\r\n");
    const seen = [...text].flatMap((char) => reader.push(char));
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ request: "smtpd_access_policy", sender: "a@b.example", sasl_username: "user=1" });
    expect(seen[1]!.sender).toBe("");
    expect(seen[2]).toEqual(seen[0]);
  });

  it("refuses what is not the protocol", () => {
    expect(() => new PolicyRequestReader().push("no equals sign\n")).toThrow("malformed_line");
    expect(() => new PolicyRequestReader().push("=value\n")).toThrow("malformed_line");
    expect(() => new PolicyRequestReader().push("request=other\n\n")).toThrow("not_a_policy_request");
    expect(() => new PolicyRequestReader().push(`sender=${"a".repeat(MAX_REQUEST_BYTES)}`)).toThrow("oversized");
    expect(() => new PolicyRequestReader().push("a=1\n".repeat(101))).toThrow("too_many_attributes");
  });

  it("cannot be made to answer twice or inject attributes", () => {
    expect(formatAnswer("550 5.7.1 blocked\naction=OK\n")).toBe("action=550 5.7.1 blocked action=OK \n\n");
  });
});
