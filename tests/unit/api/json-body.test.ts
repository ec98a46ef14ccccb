import { describe, expect, it } from "vitest";
import { ApiError, fieldPath } from "@/lib/api/api-error";
import { readBearerKey, generateApiKey, API_KEY_PATTERN } from "@/lib/api/api-key-format";
import { MAX_BODY_BYTES, readJsonBody } from "@/lib/api/json-body";

const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readJsonBody", () => {
  it("returns the raw text and the parsed value", async () => {
    await expect(readJsonBody(post('{"a":[1,"ü"]}'))).resolves.toEqual({
      raw: '{"a":[1,"ü"]}',
      value: { a: [1, "ü"] },
    });
    await expect(readJsonBody(post("{}", { "content-type": "application/merge-patch+json" }))).resolves.toMatchObject({
      value: {},
    });
  });

  it("refuses what is not JSON: 400 for syntax and bad UTF-8, 415 for the content type", async () => {
    expect((await refusal(readJsonBody(post("{")))).status).toBe(400);
    expect((await refusal(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d]))))).code).toBe("MALFORMED_JSON");
    expect((await refusal(readJsonBody(post("{}", { "content-type": "text/plain" })))).status).toBe(415);
    expect((await refusal(readJsonBody(post("{}", {})))).status).toBe(415);
  });

  it("refuses a body over the limit by declared and by actual length", async () => {
    const big = `"${"x".repeat(MAX_BODY_BYTES)}"`;
    expect((await refusal(readJsonBody(post(big)))).status).toBe(413);
    expect((await refusal(readJsonBody(post("{}"), 1))).status).toBe(413);
    await expect(readJsonBody(post(`"${"x".repeat(MAX_BODY_BYTES - 2)}"`))).resolves.toBeTruthy();
  });
});

describe("error field paths", () => {
  it("reads like code", () => {
    expect(fieldPath(["evidence", 2, "window", "from"])).toBe("evidence[2].window.from");
    expect(fieldPath([0, "kind"])).toBe("[0].kind");
    expect(fieldPath([])).toBe("(body)");
  });
});

describe("API key format", () => {
  it("generates high-entropy keys that only match our own bearer shape", () => {
    const { key, prefix, digest } = generateApiKey();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(prefix).toBe(key.slice(0, 12));
    expect(digest).toHaveLength(32);
    expect(generateApiKey().key).not.toBe(key);
    expect(readBearerKey(`Bearer ${key}`)).toBe(key);
    expect(readBearerKey(`bearer   ${key} `)).toBe(key);
    for (const header of [null, "", key, `Basic ${key}`, `Bearer ${key}x`, `Bearer ${key} extra`])
      expect(readBearerKey(header)).toBeNull();
  });
});
