import { describe, expect, it } from "vitest";
import { undecodableActionBody } from "@/lib/front-server/action-body";

const BOUNDARY = "----unit";
const multipart = (fields: [string, string][]) =>
  Buffer.from(
    `${fields.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("")}--${BOUNDARY}--\r\n`,
  );
const FORM = `multipart/form-data; boundary=${BOUNDARY}`;
const fetchText = (text: string) => undecodableActionBody("text/plain;charset=UTF-8", true, Buffer.from(text));

describe("undecodableActionBody", () => {
  it("takes what the forms send: a fetch's argument list with its FormData, a form posted without JavaScript", async () => {
    await expect(
      undecodableActionBody(
        FORM,
        true,
        multipart([
          ["0", '[{"status":"idle","values":"$undefined"},"$K1"]'],
          ["_1_id", "x"],
          ["_1_auth", "$y"],
        ]),
      ),
    ).resolves.toBeNull();
    await expect(
      undecodableActionBody(
        FORM,
        false,
        multipart([
          ["$ACTION_ID_60ab", ""],
          ["id", "x"],
        ]),
      ),
    ).resolves.toBeNull();
    await expect(
      undecodableActionBody(
        FORM,
        false,
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"60ab","bound":"$@1"}'],
          ["$ACTION_1:1", '["a","$$b"]'],
        ]),
      ),
    ).resolves.toBeNull();
    for (const text of [
      "[]",
      "[null,null]",
      '["$$dollar","$D2026-01-01T00:00:00.000Z","$n123","$-0","$NaN","$Infinity","$T",{"a":["$undefined"]}]',
    ]) {
      await expect(fetchText(text), text).resolves.toBeNull();
    }
  });

  it("refuses broken JSON, a root that is no argument list, and references to rows no form sends", async () => {
    for (const text of [
      "[{",
      '"x"',
      "{}",
      "",
      '["$1"]',
      '["$@1"]',
      '["$Q1"]',
      '["$W1"]',
      '["$h1"]',
      '["$F1"]',
      '["$nx"]',
      '["$AAAA"]',
      '[{"a":"$0"}]',
      JSON.stringify(Array(1001).fill(null)),
    ]) {
      await expect(fetchText(text), text).resolves.toMatch(/could not be read/);
    }
  });

  it("refuses broken multipart framing and a form whose root row or bound arguments are not plain", async () => {
    await expect(undecodableActionBody("multipart/form-data", true, multipart([["0", "[]"]]))).resolves.toMatch(
      /framing/,
    );
    await expect(
      undecodableActionBody(
        FORM,
        false,
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nopen`),
      ),
    ).resolves.toMatch(/framing/);
    await expect(
      undecodableActionBody(
        FORM,
        true,
        multipart([
          ["0", '["$Q2"]'],
          ["2", "[{"],
        ]),
      ),
    ).resolves.toMatch(/not what/);
    await expect(undecodableActionBody(FORM, true, multipart([["_1_id", "x"]]))).resolves.toMatch(/not what/);
    await expect(
      undecodableActionBody(
        FORM,
        false,
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"60ab","bound":"$@1"}'],
          ["$ACTION_1:1", "[{"],
        ]),
      ),
    ).resolves.toMatch(/not what/);
    await expect(
      undecodableActionBody(
        FORM,
        false,
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{"],
        ]),
      ),
    ).resolves.toMatch(/not what/);
  });

  it("leaves what Next answers itself alone: a urlencoded post, a post without Next-Action", async () => {
    await expect(
      undecodableActionBody("application/x-www-form-urlencoded", true, Buffer.from("a=%ZZ")),
    ).resolves.toBeNull();
    await expect(undecodableActionBody("text/plain", false, Buffer.from("[{"))).resolves.toBeNull();
  });

  it("refuses nesting deeper than any form state (React's decoder overflows on it), and walks long lists without overflowing itself", async () => {
    await expect(fetchText(`[${"[".repeat(100_000)}${"]".repeat(100_000)}]`)).resolves.toMatch(/could not be read/);
    await expect(fetchText(`[${"[".repeat(63)}${"]".repeat(63)}]`)).resolves.toBeNull();
    await expect(fetchText(`[[${Array(1_000_000).fill('"a"').join(",")}]]`)).resolves.toBeNull();
  });
});
