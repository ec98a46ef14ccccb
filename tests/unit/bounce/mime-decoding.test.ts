import { describe, expect, it } from "vitest";
import { decodeBase64 } from "@/lib/bounce/base64";
import { collectBase64Parts } from "@/lib/bounce/mime-parts";
import { splitMultipart } from "@/lib/bounce/multipart";

describe("decodeBase64", () => {
  it("decodes a wrapped body", () => {
    expect(decodeBase64("SGVsbG8s\r\nIHdvcmxk\nIQ==\n").toString()).toBe("Hello, world!");
  });

  it("decodes a body whose lines are padded one by one (Node's decoder stops at the first '=')", () => {
    expect(decodeBase64("SGk=\nIHRoZXJl\nIQ==").toString()).toBe("Hi there!");
  });

  it("accepts the base64url alphabet and ignores stray characters", () => {
    expect(decodeBase64("-_-_ *").toString("hex")).toBe("fbffbf");
  });
});

describe("splitMultipart", () => {
  it("splits at delimiter lines only, whatever the line endings", () => {
    const body = "preamble\r\n--b\r\nA: 1\r\n\r\nfirst --b inside\r\n--b\nsecond\r--b--\r\nepilogue";
    expect(splitMultipart(body, "b", 10).map((part) => part.text)).toEqual(["A: 1\r\n\r\nfirst --b inside", "second"]);
  });

  it("keeps a boundary that is a prefix of another from splitting a nested part", () => {
    const body = "--abc\n--abcdef\ninner\n--abc--\n";
    expect(splitMultipart(body, "abc", 10).map((part) => part.text)).toEqual(["--abcdef\ninner"]);
  });

  it("keeps the last part of a truncated message and says where each part starts", () => {
    const body = "--b\nfirst\n--b\ncut off here";
    expect(splitMultipart(body, "b", 10)).toEqual([
      { start: 4, text: "first" },
      { start: 14, text: "cut off here" },
    ]);
  });

  it("stops at the part limit", () => {
    expect(splitMultipart("--b\n1\n--b\n2\n--b\n3\n--b--", "b", 2).map((part) => part.text)).toEqual(["1", "2"]);
  });
});

describe("collectBase64Parts", () => {
  const text = "a link would be here, long enough to be worth decoding";
  const base64 = Buffer.from(text).toString("base64");

  it("returns nothing for a message without base64 parts", () => {
    expect(collectBase64Parts(`Content-Type: text/plain\n\n${text}`)).toEqual([]);
  });

  it("decodes base64 parts, placed where their body starts", () => {
    const message = [
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "plain part that is long enough to be looked at by the walker",
      "--b",
      "Content-Type: text/html",
      "Content-Transfer-Encoding: BASE64",
      "",
      base64,
      "--b--",
    ].join("\r\n");
    expect(collectBase64Parts(message)).toEqual([{ offset: message.indexOf(base64), text }]);
  });

  it("decodes base64 parts inside a base64-encoded attached message", () => {
    const inner = `Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n`;
    const message = `Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n${Buffer.from(inner).toString("base64")}`;
    const offset = message.indexOf("\n\n") + 2;
    expect(collectBase64Parts(message)).toEqual([
      { offset, text: inner },
      { offset, text },
    ]);
  });
});
