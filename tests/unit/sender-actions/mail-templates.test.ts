import { describe, expect, it } from "vitest";
import { composeMail, type MailJob } from "@/lib/mail";
import { escapeHtml } from "@/lib/mail/html";

const options = {
  from: "Block Reports <no-reply@reports.example.net>",
  context: { relayName: "Example Relay", publicBaseUrl: "https://reports.example.net" },
};
const base = { to: "compliance@example.net", queuedAt: "2026-11-27T14:02:00.000Z", outboxId: "7" };

const hostile = 'See https://evil.example/login <img src="https://evil.example/x.png"> & "quotes"';

describe("mail templates", () => {
  it("quote sender-written text to compliance escaped in HTML and defanged in both parts", () => {
    const job: MailJob = {
      ...base,
      template: "appeal-notice",
      data: {
        reference: "A-7K3F9Q",
        publicId: "1ec5d310c951ebd54d84",
        reason: "ABUSE",
        contactEmail: "ops@example.org",
        explanation: hostile,
        answers: [{ question: "The unsubscribe path", answer: "javascript:alert(1)" }],
      },
    };
    const mail = composeMail(job, options);
    expect(mail.subject).toBe("[appeal] A-7K3F9Q for report 1ec5d310c951ebd54d84 (ABUSE)");
    expect(mail.messageId).toBe("<appeal-notice.outbox-7@reports.example.net>");
    expect(mail.date.toISOString()).toBe("2026-11-27T14:02:00.000Z");
    expect(mail.text).toContain("hxxps://evil[.]example/login");
    expect(mail.text).not.toContain("https://evil.example");
    expect(mail.text).toContain("javascript[:]alert(1)");
    expect(mail.html).not.toMatch(/<img|https:\/\/evil/);
    expect(mail.html).toContain("&lt;img src=&quot;hxxps://evil[.]example/x.png&quot;&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).toContain("https://reports.example.net/staff");
  });

  it("never put sender-written text in a subject or in mail to the contact address", () => {
    const mail = composeMail(
      {
        ...base,
        to: "ops@example.org",
        template: "appeal-received",
        data: { reference: "A-7K3F9Q", publicId: "1ec5d310c951ebd54d84", reason: "SPAM" },
      },
      options,
    );
    expect(mail.subject).toBe("Review request A-7K3F9Q received (report 1ec5d310c951ebd54d84)");
    expect(mail.text).toContain("Your reference is A-7K3F9Q.");
    expect(mail.text).not.toContain("auth=");
  });

  it("tell the contact the one reference to quote, without the evidence digest (staff get that)", () => {
    const digest = "ab".repeat(32);
    const mail = composeMail(
      {
        ...base,
        to: "ops@example.org",
        template: "case-received",
        data: { reference: "C-5T2W8R", publicId: "1ec5d310c951ebd54d84", bundleDigest: digest },
      },
      options,
    );
    expect(mail.text).toContain("Your reference: C-5T2W8R. Quote it for anything about this block.");
    expect(mail.text).not.toContain(digest);
    expect(mail.html).not.toContain(digest);
    expect(mail.text).not.toMatch(/SHA-256|digest/i);
  });

  it("tell the contact the reviewer's decision or question in the reviewer's words, and what happens next", () => {
    const mail = (outcome: "APPROVED" | "DENIED" | "NEEDS_INFO") =>
      composeMail(
        {
          ...base,
          to: "ops@example.org",
          template: "appeal-decided",
          data: { reference: "A-7K3F9Q", publicId: "1ec5d310c951ebd54d84", outcome, text: "Opt-in is <confirmed>." },
        },
        options,
      );
    expect(mail("APPROVED").subject).toBe(
      "Review request A-7K3F9Q approved: the block is lifted (report 1ec5d310c951ebd54d84)",
    );
    expect(mail("APPROVED").text).toContain("Mail from this sender is accepted again.");
    expect(mail("DENIED").subject).toBe("Review request A-7K3F9Q declined (report 1ec5d310c951ebd54d84)");
    expect(mail("DENIED").text).toContain("stays in place");
    expect(mail("NEEDS_INFO").text).toContain("The reviewer's question");
    expect(mail("NEEDS_INFO").text).toContain("Opt-in is <confirmed>.");
    expect(mail("NEEDS_INFO").html).toContain("Opt-in is &lt;confirmed&gt;.");
  });

  it("say what became of a block that ended before the decision, never that it stays or is lifted now", () => {
    const mail = (
      outcome: "APPROVED" | "DENIED" | "NEEDS_INFO",
      blockEnded: { status: "LIFTED" | "EXPIRED"; at: string | null },
      reversed?: boolean,
    ) =>
      composeMail(
        {
          ...base,
          to: "ops@example.org",
          template: "appeal-decided",
          data: {
            reference: "A-7K3F9Q",
            publicId: "1ec5d310c951ebd54d84",
            outcome,
            text: "The list is still in use.",
            blockEnded,
            reversed,
          },
        },
        options,
      );
    const lifted = { status: "LIFTED", at: "2026-12-07T09:30:00.000Z" } as const;
    const declined = mail("DENIED", lifted);
    expect(declined.subject).toBe("Review request A-7K3F9Q declined (report 1ec5d310c951ebd54d84)");
    expect(declined.text).toContain(
      "declined your review request A-7K3F9Q. Block report 1ec5d310c951ebd54d84 had already been lifted on 7 Dec 2026 09:30 UTC, before this decision. Declining the request does not put it back in force.",
    );
    expect(declined.text).not.toMatch(/stays in place/);
    expect(mail("DENIED", { status: "EXPIRED", at: "2026-12-06T00:00:00.000Z" }).text).toContain(
      "had already expired on 6 Dec 2026 00:00 UTC, before this decision.",
    );
    const approved = mail("APPROVED", { status: "EXPIRED", at: null });
    expect(approved.subject).toBe("Review request A-7K3F9Q approved (report 1ec5d310c951ebd54d84)");
    expect(approved.text).toContain(
      "approved your review request A-7K3F9Q. Block report 1ec5d310c951ebd54d84 had already expired, before this decision.",
    );
    expect(approved.text).not.toMatch(/and lifted block report/);
    const reversed = mail("APPROVED", lifted, true);
    expect(reversed.subject).toBe(
      "Decision on review request A-7K3F9Q reversed: approved (report 1ec5d310c951ebd54d84)",
    );
    expect(reversed.text).toContain(
      "reversed it: the request is approved. Block report 1ec5d310c951ebd54d84 had already been lifted on 7 Dec 2026 09:30 UTC",
    );
    expect(mail("NEEDS_INFO", lifted).text).toContain("needs more information before deciding");
  });

  it("tell the contact a staff reply or the closing message, in the staff member's words, under the one reference", () => {
    const reply = (closed: boolean) =>
      composeMail(
        {
          ...base,
          to: "ops@example.org",
          template: "case-reply",
          data: { reference: "C-5T2W8R", publicId: "1ec5d310c951ebd54d84", text: "Remove the <April> import.", closed },
        },
        options,
      );
    expect(reply(false).subject).toBe("Reply from compliance on C-5T2W8R (report 1ec5d310c951ebd54d84)");
    expect(reply(true).subject).toBe(
      "Your conversation C-5T2W8R with compliance is closed (report 1ec5d310c951ebd54d84)",
    );
    expect(reply(false).text).toContain("Remove the <April> import.");
    expect(reply(false).html).toContain("Remove the &lt;April&gt; import.");
    expect(reply(false).text).toContain("Your reference: C-5T2W8R.");
  });

  it("say in the review confirmation what the report says about the review's timeline", () => {
    const timeline = {
      usual: "A review usually gets its first decision within about 6 h; 9 in 10 within 20 h.",
      endsFirst: "This block ends by itself at 27 Nov 2026 16:02 UTC, probably before your review is decided.",
    };
    const mail = composeMail(
      {
        ...base,
        to: "ops@example.org",
        template: "appeal-received",
        data: { reference: "A-7K3F9Q", publicId: "1ec5d310c951ebd54d84", reason: "SPAM", timeline },
      },
      options,
    );
    expect(mail.text).toContain(timeline.usual);
    expect(mail.text).toContain(timeline.endsFirst);
  });

  it("derive the Message-ID from the outbox row, or from the content when there is none", () => {
    const job: MailJob = {
      ...base,
      template: "case-received",
      data: { reference: "C-5T2W8R", publicId: "1ec5d310c951ebd54d84", bundleDigest: "ab".repeat(32) },
    };
    const { outboxId: _dropped, ...direct } = job;
    void _dropped;
    expect(composeMail(direct, options).messageId).toBe(composeMail(direct, options).messageId);
    expect(composeMail(direct, options).messageId).toMatch(/^<case-received\.job-[0-9a-f]{24}@reports\.example\.net>$/);
  });

  describe("show bidi controls and invisible characters as markers in the Subject, the text and the HTML part", () => {
    const RLO = "\u202E",
      ZWSP = "\u200B",
      LRI = "\u2066",
      PDI = "\u2069",
      BOM = "\uFEFF",
      TAG = "\u{E0041}";
    const invisible = /[\u202E\u200B\u2066\u2069\uFEFF]|\u{E0041}/u;
    const markers = ["⟨U+202E⟩", "⟨U+200B⟩", "⟨U+2066⟩", "⟨U+2069⟩"];
    const hostileText = `invoice${RLO}fdp.exe pay${ZWSP}pal ${LRI}admin${PDI}`;
    const expectMarked = (mail: ReturnType<typeof composeMail>) => {
      for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(invisible);
      for (const marker of markers) {
        expect(mail.text).toContain(marker);
        expect(mail.html).toContain(marker);
      }
    };

    it("appeal-notice: explanation, answers and the contact address", () => {
      const mail = composeMail(
        {
          ...base,
          template: "appeal-notice",
          data: {
            reference: `A-7K3F9Q${RLO}`,
            publicId: "1ec5d310c951ebd54d84",
            reason: "ABUSE",
            contactEmail: `ops${ZWSP}@example.org${BOM}`,
            explanation: hostileText,
            answers: [{ question: `Why${TAG}`, answer: hostileText }],
          },
        },
        options,
      );
      expectMarked(mail);
      expect(mail.subject).toBe("[appeal] A-7K3F9Q⟨U+202E⟩ for report 1ec5d310c951ebd54d84 (ABUSE)");
      expect(mail.text).toContain("Contact (as entered, unverified): ops⟨U+200B⟩@example.org⟨U+FEFF⟩");
      expect(mail.text).toContain("Why⟨U+E0041⟩");
      expect(mail.text).toContain("> invoice⟨U+202E⟩fdp.exe pay⟨U+200B⟩pal ⟨U+2066⟩admin⟨U+2069⟩");
    });

    it("appeal-reply-notice: the sender's answer", () => {
      expectMarked(
        composeMail(
          {
            ...base,
            template: "appeal-reply-notice",
            data: {
              reference: "A-7K3F9Q",
              publicId: "1ec5d310c951ebd54d84",
              infoRequest: "Which list?",
              reply: hostileText,
            },
          },
          options,
        ),
      );
    });

    it("case-notice: the note and the contact address", () => {
      const mail = composeMail(
        {
          ...base,
          template: "case-notice",
          data: {
            reference: "C-5T2W8R",
            publicId: "1ec5d310c951ebd54d84",
            bundleDigest: "ab".repeat(32),
            newCase: true,
            note: hostileText,
            contactEmail: `x${RLO}@example.org`,
          },
        },
        options,
      );
      expectMarked(mail);
      expect(mail.html).toContain("x⟨U+202E⟩@example.org");
    });

    it("appeal-decided: the reviewer's words mailed to the contact", () => {
      expectMarked(
        composeMail(
          {
            ...base,
            to: "ops@example.org",
            template: "appeal-decided",
            data: { reference: "A-7K3F9Q", publicId: "1ec5d310c951ebd54d84", outcome: "DENIED", text: hostileText },
          },
          options,
        ),
      );
    });

    it("keeps the Subject on one line", () => {
      const mail = composeMail(
        {
          ...base,
          template: "appeal-received",
          data: { reference: "A-1\r\nBcc: x@evil.example", publicId: "1ec5d310c951ebd54d84", reason: "SPAM" },
        },
        options,
      );
      expect(mail.subject).not.toMatch(/[\r\n]/);
    });
  });

  it("escapes the five HTML characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
