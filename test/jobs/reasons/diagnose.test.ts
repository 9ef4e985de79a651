// The classifier as the report uses it: reason, class, code and blocklist for one text.
import { describe, expect, it } from "vitest";
import { diagnose } from "../../../src/jobs/reasons/diagnose.ts";

describe("diagnosing one error", () => {
  it("accepts a missing message", () => {
    expect(diagnose(null)).toEqual({ reason: "other", class: 5, kind: "textOnly" });
    expect(diagnose(undefined)).toEqual({ reason: "other", class: 5, kind: "textOnly" });
    expect(diagnose("")).toEqual({ reason: "other", class: 5, kind: "textOnly" });
  });

  it("keeps the blocklist's name", () => {
    expect(
      diagnose(
        "554 5.7.1 Service unavailable; Client host [46.105.1.2] blocked using zen.spamhaus.org",
      ),
    ).toEqual({
      reason: "sender_blocked",
      class: 5,
      code: "5.7.1",
      blocklist: "Spamhaus",
      kind: "enhanced",
    });
    expect(
      diagnose("550 Client host [46.105.1.2] blocked using b.barracudacentral.org").blocklist,
    ).toBe("Barracuda");
    expect(diagnose("550 5.7.1 Your IP 46.105.1.2 is listed on dnsbl.sorbs.net").blocklist).toBe(
      "SORBS",
    );
    expect(diagnose("550 5.7.606 Access denied, banned sending IP [46.105.1.2]").blocklist).toBe(
      "Microsoft",
    );
    expect(
      diagnose("554 5.7.1 Client host rejected: blocked using rbl.example.net").blocklist,
    ).toBe("rbl.example.net");
    expect(diagnose("550 5.7.25 The sending IP has no reverse DNS").blocklist).toBeUndefined();
  });

  it("infers the class from the words, then from the reason, when there is no code", () => {
    expect(diagnose("Connection timed out").class).toBe(4);
    expect(diagnose("Host or domain name not found").class).toBe(5);
    expect(diagnose("Message expired: could not connect for 5 days").class).toBe(5);
    expect(diagnose("Mailbox full, delivery will be retried").class).toBe(4);
  });

  it("reads a code anywhere in the text, before the words decide the reason", () => {
    expect(
      diagnose(
        "host mx.example.org[203.0.113.9] said: 550 5.1.1 <jane@example.org>: Recipient address rejected",
      ),
    ).toMatchObject({
      reason: "recipient_unknown",
      code: "5.1.1",
      kind: "enhanced",
    });
  });

  it("falls back on the enhanced code when the words say nothing known", () => {
    expect(diagnose("550 5.1.1 Bounce").reason).toBe("recipient_unknown");
    expect(diagnose("552 5.2.2 Rejected").reason).toBe("mailbox_full");
    expect(diagnose("550 5.7.26 Rejected").reason).toBe("authentication");
    expect(diagnose("550 5.7.9 Rejected").reason).toBe("policy");
  });

  it("puts a missing domain named in reply to MAIL FROM on the sender", () => {
    expect(
      diagnose(
        "host mx.example.org said: 553 No such domain web42.local (in reply to MAIL FROM command)",
      ).reason,
    ).toBe("sender_rejected");
  });

  it("does not mistake the generic advice in a text for its cause", () => {
    expect(
      diagnose(
        "550 Message classified as spam. Set up SPF records for your domain to improve delivery",
      ).reason,
    ).toBe("spam_content");
    expect(diagnose("550 5.1.1 User not listed in the company directory").reason).toBe(
      "recipient_unknown",
    );
  });

  it("reads a very long text by its start", () => {
    expect(diagnose(`550 5.1.1 user unknown ${"x".repeat(100_000)}`).reason).toBe(
      "recipient_unknown",
    );
  });
});
