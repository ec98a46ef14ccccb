import { describe, expect, it } from "vitest";
import { senderAddressSchema } from "@/lib/api/schemas/blocks";
import { asciiSenderForm, unicodeSenderForm, withoutTrailingDot } from "@/lib/data/blocks/sender-forms";

describe("sender forms", () => {
  it("gives the domain in A-labels and U-labels, without one trailing dot, keeping the local part", () => {
    expect(asciiSenderForm("News@Bücher.example.")).toBe("News@xn--bcher-kva.example");
    expect(unicodeSenderForm("News@XN--BCHER-KVA.example")).toBe("News@bücher.example");
    expect(asciiSenderForm("promo@acme-shop.example.")).toBe("promo@acme-shop.example");
    expect(withoutTrailingDot("promo@acme-shop.example.")).toBe("promo@acme-shop.example");
    expect(withoutTrailingDot("promo@acme-shop.example..")).toBe("promo@acme-shop.example.");
    expect(asciiSenderForm("İnfo@acme-shop.example")).toBe("İnfo@acme-shop.example");
  });

  it("leaves what is not an address with a domain as it is", () => {
    for (const text of ["promo", "promo@", "promo@.", "a@b@", ""]) {
      expect([asciiSenderForm(text), unicodeSenderForm(text), withoutTrailingDot(text)]).toEqual([text, text, text]);
    }
  });

  it("converts only a domain of letters, digits and hyphens (no percent-decoding)", () => {
    expect(asciiSenderForm("x@%41cme.example")).toBe("x@%41cme.example");
    expect(unicodeSenderForm("x@%41cme.example.")).toBe("x@%41cme.example");
    expect(asciiSenderForm("x@bücher..example")).toBe("x@bücher..example");
  });

  it("drops a trailing dot from a block's sender address, once", () => {
    expect(senderAddressSchema.parse("promo@acme-shop.example.")).toBe("promo@acme-shop.example");
    expect(senderAddressSchema.parse("promo@acme-shop.example")).toBe("promo@acme-shop.example");
    expect(senderAddressSchema.parse("promo@acme-shop.example..")).toBe("promo@acme-shop.example.");
  });
});
