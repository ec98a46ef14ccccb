import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { asciiHostOf, defangText, defangUrl, showInvisibles, toDisplayText } from "@/lib/evidence";
import { URL_IN_TEXT } from "@/lib/evidence/defang";

describe("defangUrl", () => {
  it.each([
    ["https://evil.example/x", "hxxps://evil[.]example/x"],
    ["http://evil.example", "hxxp://evil[.]example"],
    ["HTTPS://Evil.Example/A.B", "hxxps://Evil[.]Example/A.B"],
    ["ftp://files.example/a", "fxp://files[.]example/a"],
    ["javascript:alert(1)", "javascript[:]alert(1)"],
    ["JaVaScRiPt:alert(document.cookie)", "JaVaScRiPt[:]alert(document[.]cookie)"],
    ["javascript://%0aalert(1)", "javascript[:]//%0aalert(1)"],
    ["data:text/html;base64,PHNjcmlwdD4=", "data[:]text/html;base64,PHNjcmlwdD4="],
    ["https://paypal.com@evil.example/", "hxxps://paypal[.]com@evil[.]example/"],
    ["https://evil.example/?next=http://other.example/", "hxxps://evil[.]example/?next=hxxp://other[.]example/"],
    ["https:\\\\evil.example", "hxxps:\\\\evil[.]example"],
    ["https:evil.example", "hxxps:evil[.]example"],
    ["//evil.example/x", "//evil[.]example/x"],
    ["evil.example:8080/x", "evil[.]example:8080/x"],
    ["www.evil.example", "www[.]evil[.]example"],
    ["http://192.0.2.1/a", "hxxp://192[.]0[.]2[.]1/a"],
    ["https://xn--pypal-4ve.com/login", "hxxps://xn--pypal-4ve[.]com/login"],
    ["https://pаypal.com/login", "hxxps://pаypal[.]com/login"],
    ["https://evil\u3002example/", "hxxps://evil[\u3002]example/"],
    ["gopher://evil.example", "gopher[:]//evil[.]example"],
  ])("%j → %j", (input, expected) => {
    expect(defangUrl(input)).toBe(expected);
  });

  it.each(["hxxps://evil[.]example/x", "hxxp://evil[.]example", "javascript[:]alert(1)", "fxp://a[.]b"])(
    "leaves the already defanged %j as it is",
    (input) => {
      expect(defangUrl(input)).toBe(input);
    },
  );

  it.each(["", ":", "::::", "http", "[.]", "%%%", "\u0000", "\uD800", "a".repeat(5000)])(
    "handles the garbage %j",
    (input) => {
      expect(() => defangUrl(input)).not.toThrow();
    },
  );

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = defangUrl(url);
        expect(defangUrl(once)).toBe(once);
      }),
    );
  });
});

describe("defangText", () => {
  it("defangs URLs inside text and leaves markup as text", () => {
    expect(defangText('<script>location="https://evil.example/steal"</script>')).toBe(
      '<script>location="hxxps://evil[.]example/steal"</script>',
    );
    expect(defangText('<a href="javascript:alert(1)">Track your parcel</a>')).toBe(
      '<a href="javascript[:]alert(1)">Track your parcel</a>',
    );
    expect(defangText("<b>50 % off</b>")).toBe("<b>50 % off</b>");
  });

  it("defangs bare www and shortener links but not ordinary words", () => {
    expect(defangText("Claim at bit.ly/3xY or www.shop.example today.")).toBe(
      "Claim at bit[.]ly/3xY or www[.]shop[.]example today.",
    );
    expect(defangText("metadata: v1.2.3, e.g. Node.js and a 3.5/5 rating")).toBe(
      "metadata: v1.2.3, e.g. Node.js and a 3.5/5 rating",
    );
  });

  it("defangs mail links and hosts followed by a port, a query or a fragment, which mail clients link too", () => {
    expect(
      defangText("Contact mailto:x@evil.example, login at evil.com?session=1 or evil.example:8080 or evil.example#top"),
    ).toBe(
      "Contact mailto[:]x@evil[.]example, login at evil[.]com?session=1 or evil[.]example:8080 or evil[.]example#top",
    );
    expect(defangText("MAILTO:boss@evil.example")).toBe("MAILTO[:]boss@evil[.]example");
    // A host ending a question or followed by a colon in prose, and times and versions, stay as written.
    expect(defangText("Did you check Node.js? Note.txt: see v1.2.3 at 10:30, e.g. ratio 3.5:1")).toBe(
      "Did you check Node.js? Note.txt: see v1.2.3 at 10:30, e.g. ratio 3.5:1",
    );
  });

  it("defangs several URLs and schemes glued to other text", () => {
    expect(defangText("xhttp://a.b and (https://c.d) and_https://e.f")).toBe(
      "xhttp[:]//a[.]b and (hxxps://c[.]d) and_hxxps://e[.]f",
    );
  });

  it("never leaves http:// or https:// and never throws", () => {
    const pieces = fc.constantFrom(
      "http://",
      "https://",
      "HtTpS://",
      "http",
      "https",
      "hxxp",
      ":",
      "//",
      "/",
      "\\",
      "h",
      "t",
      "p",
      "s",
      "x",
      "_",
      "1",
      ".",
      " ",
      "[",
      "]",
      "[.]",
      "www.",
      "<",
      '"',
      "javascript:",
      "a".repeat(40),
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 30 }).map((p) => p.join("")),
      fc.tuple(fc.string(), fc.webUrl(), fc.string()).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(text, (input) => {
        const output = defangText(input).toLowerCase();
        expect(output).not.toContain("http://");
        expect(output).not.toContain("https://");
      }),
      { numRuns: 2000 },
    );
  });

  it("finds exactly what one scan of the whole text with its pattern finds (it only tries where a URL can start)", () => {
    const pieces = fc.constantFrom(
      ...[
        "http",
        "HTTPS",
        "hxxp",
        "ftp",
        "gopher",
        "javascript",
        "VBScript",
        "data",
        "text",
        "html",
        "www",
        "WWW",
        "w",
      ],
      ...[":", "://", ":/", ":\\\\", "/", "//", "\\", ".", "..", "\u3002", "-", "+", "@", "_", "%", "?", "#", "=", "&"],
      ...[
        "a",
        "Z",
        "1",
        "42",
        "ex.com",
        "a.b",
        "x-y.co/",
        "www.",
        "wwww.",
        "data:text/",
        "javascript:",
        "a".repeat(35),
      ],
      ...[" ", "\n", "\t", "<", ">", '"', "'", "`", "(", ")", "[", "]", "é", "а"],
    );
    const text = fc.oneof(
      fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("")),
      fc
        .tuple(fc.string(), fc.webUrl({ withQueryParameters: true }), fc.array(pieces, { maxLength: 10 }))
        .map(([before, url, after]) => before + url + after.join("")),
    );
    fc.assert(
      fc.property(text, (input) => {
        expect(defangText(input)).toBe(input.replace(URL_IN_TEXT, defangUrl));
      }),
      { numRuns: 5000 },
    );
  });

  it("runs in linear time on adversarial input", () => {
    const inputs = [
      "a".repeat(100_000),
      "a.".repeat(50_000),
      "http:".repeat(20_000),
      "www.".repeat(25_000),
      `${"a-".repeat(50_000)}.com`,
      "javascript".repeat(10_000),
      "a:".repeat(50_000),
      `${"a".repeat(100_000)}:`,
      "a/".repeat(50_000),
    ];
    const started = performance.now();
    for (const input of inputs) defangText(input);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("asciiHostOf", () => {
  it("reveals the punycode of an internationalised look-alike host", () => {
    expect(asciiHostOf("https://pаypal.com/login")).toBe("xn--pypal-4ve[.]com");
    expect(asciiHostOf("xn--pypal-4ve.com")).toBe("xn--pypal-4ve[.]com");
  });

  it("returns null for plain ASCII hosts and for garbage", () => {
    expect(asciiHostOf("https://paypal.com/")).toBeNull();
    expect(asciiHostOf("http://[::::")).toBeNull();
    expect(asciiHostOf("")).toBeNull();
  });
});

describe("showInvisibles", () => {
  it("makes every override and isolate visible", () => {
    expect(showInvisibles("invoice\u202Efdp.exe")).toBe("invoice⟨U+202E⟩fdp.exe");
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(showInvisibles(controls)).toBe("⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩");
  });

  it("keeps ordinary right-to-left text and emoji", () => {
    expect(showInvisibles("שלום مرحبا 😀")).toBe("שלום مرحبا 😀");
  });

  it("makes zero-width, control, filler and tag characters visible, keeping tabs and line breaks", () => {
    expect(showInvisibles("pay\u200Bpal")).toBe("pay⟨U+200B⟩pal");
    expect(showInvisibles("a\u200Cb\u200Dc\u2060d\uFEFFe\u00ADf")).toBe(
      "a⟨U+200C⟩b⟨U+200D⟩c⟨U+2060⟩d⟨U+FEFF⟩e⟨U+00AD⟩f",
    );
    expect(showInvisibles("bell\u0007 esc\u001B[31m del\u007F nel\u0085")).toBe(
      "bell⟨U+0007⟩ esc⟨U+001B⟩[31m del⟨U+007F⟩ nel⟨U+0085⟩",
    );
    expect(showInvisibles("line\u2028para\u2029")).toBe("line⟨U+2028⟩para⟨U+2029⟩");
    expect(showInvisibles("\u3164\u115F")).toBe("⟨U+3164⟩⟨U+115F⟩");
    expect(showInvisibles("ok\u{E0069}\u{E0067}")).toBe("ok⟨U+E0069⟩⟨U+E0067⟩");
    expect(showInvisibles("tab\there\r\nnext")).toBe("tab\there\r\nnext");
  });

  it("keeps the joiner inside emoji sequences, variation selectors and skin tones", () => {
    for (const emoji of ["👩\u200D💻", "❤\uFE0F", "👨\u200D👩\u200D👧", "🧑🏽\u200D🚀", "🏳\uFE0F\u200D🌈"])
      expect(showInvisibles(emoji)).toBe(emoji);
    expect(showInvisibles("😀\u200Dx")).toBe("😀⟨U+200D⟩x");
  });
});

describe("toDisplayText", () => {
  it("defangs and neutralises together", () => {
    expect(toDisplayText("see https://evil.example/\u202Efdp.exe")).toBe("see hxxps://evil[.]example/⟨U+202E⟩fdp.exe");
  });
});
