import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AddressText, breakAddresses } from "@/components/ui/address-text";
import { EvidenceText } from "@/components/report/evidence-text";

const html = (text: string) => renderToStaticMarkup(<AddressText text={text} />);

describe("AddressText", () => {
  it("lets an address break after the @ and before its dots, and nowhere else", () => {
    expect(html("Mail from crm@northwind.example is accepted again")).toBe(
      "Mail from crm@<wbr/>northwind<wbr/>.example is accepted again",
    );
    expect(html("first.last@mail.northwind.example")).toBe("first<wbr/>.last@<wbr/>mail<wbr/>.northwind<wbr/>.example");
    // Words without an @ (numbers, SMTP user names, sentences) are left alone.
    expect(html("Complaints rose to 0.62 % from SMTP user newsletter-app.")).toBe(
      "Complaints rose to 0.62 % from SMTP user newsletter-app.",
    );
  });

  it("keeps hostile text as text: escaped, nothing but <wbr> added", () => {
    expect(html('Northwind <news@northwind.example> <script>alert("x")</script>')).toBe(
      "Northwind &lt;news@<wbr/>northwind<wbr/>.example&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
    );
  });

  it("in evidence text, after defanging and the invisible-character markers: a defanged [.] is not split", () => {
    const out = renderToStaticMarkup(
      <EvidenceText value={"News <news@northwind.example>\u202e https://user@evil.com/x"} />,
    );
    expect(out).toContain("&lt;news@<wbr/>northwind<wbr/>.example&gt;⟨U+202E⟩");
    expect(out).toContain("hxxps://user@<wbr/>evil[.]com/x");
    expect(out).not.toMatch(/\[<wbr\/>/);
    expect(out).toMatch(/^<span class="\[overflow-wrap:anywhere\]">/);
  });

  it("looks only into words with an @: long runs without one, however many, stay one piece of text", () => {
    // 4,000 zero-width spaces are 32,000 characters once marked: one word, no @, nothing to do.
    const marked = "\u200b".repeat(4000);
    const out = renderToStaticMarkup(<EvidenceText value={`${marked} mail crm@northwind.example now`} />);
    expect(out).toContain(`${"⟨U+200B⟩".repeat(4000)} mail crm@<wbr/>northwind<wbr/>.example now`);
    expect(breakAddresses("x".repeat(50_000))).toEqual(["x".repeat(50_000)]);
    expect(breakAddresses(`${"x".repeat(50_000)} a@b.c`)).toEqual([
      `${"x".repeat(50_000)} a@`,
      expect.anything(),
      "b",
      expect.anything(),
      ".c",
    ]);
    // Text around an address stays in as few pieces as there are breaks.
    expect(breakAddresses("to a@b.c and d@e.f")).toHaveLength(9);
  });
});
