import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

const CANARY = "CanarySecret_0123456789abcdefABCDEF";

function capture(write: (log: ReturnType<typeof createLogger>) => void): string {
  let out = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  write(createLogger("info", sink));
  return out;
}

describe("the logger never writes a report secret", () => {
  it("scrubs auth= inside URLs in fields and messages", () => {
    const out = capture((log) =>
      log.info({ url: `/?id=1ec5d310c951ebd54d84&auth=${CANARY}` }, `GET /?auth=${CANARY}&id=x`),
    );
    expect(out).not.toContain(CANARY);
    expect(out).toContain("auth=[redacted]");
    expect(out).toContain("id=1ec5d310c951ebd54d84");
  });

  it("redacts secret-named fields, nested too", () => {
    const out = capture((log) =>
      log.warn({ auth: CANARY, request: { secret: CANARY }, headers: { authorization: `Bearer ${CANARY}` } }, "x"),
    );
    expect(out).not.toContain(CANARY);
    expect(out).toContain("[redacted]");
  });

  it("masks credentials inside URLs (webhook endpoints may carry them)", () => {
    const out = capture((log) =>
      log.warn(
        { endpoint: { url: `https://relay:${CANARY}@hooks.example.net/x` } },
        `POST https://${CANARY}@hooks.example.net/y failed`,
      ),
    );
    expect(out).not.toContain(CANARY);
    expect(out).toContain("https://[redacted]@hooks.example.net/x");
    expect(out).toContain("https://[redacted]@hooks.example.net/y");
  });

  it("still writes everything else", () => {
    const out = capture((log) => log.info({ publicId: "1ec5d310c951ebd54d84" }, "report viewed"));
    expect(JSON.parse(out)).toMatchObject({ publicId: "1ec5d310c951ebd54d84", msg: "report viewed" });
  });

  it("keeps an error's message and stack under err, with secrets scrubbed from both", () => {
    const error = new TypeError(`fetch failed for https://reports.example.net/?id=1ec5d310c951ebd54d84&auth=${CANARY}`);
    const out = capture((log) => log.error({ err: error }, "render failed"));
    expect(out).not.toContain(CANARY);
    const line = JSON.parse(out);
    expect(line.err).toMatchObject({ type: "TypeError", message: expect.stringContaining("auth=[redacted]") });
    expect(line.err.stack).toContain("redaction.test.ts");
  });
});
