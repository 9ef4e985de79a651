// The status code is read wherever the text has it, and only a status code is read as one.
import { describe, expect, it } from "vitest";
import { readStatus } from "../../../src/jobs/reasons/statusCode.ts";

describe("reading the status code", () => {
  it.each([
    ["550 5.1.1 <jane@example.org>: user unknown", "5.1.1", 5, "enhanced"],
    [
      "host mx.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)",
      "4.2.2",
      4,
      "enhanced",
    ],
    ["Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1", 5, "enhanced"],
    ["550 User unknown", "550", 5, "basicStart"],
    ["421 Service not available", "421", 4, "basicStart"],
    [
      "host mx.example.org[203.0.113.9] said: 550 No such user (in reply to RCPT TO command)",
      "550",
      5,
      "basicPrefixed",
    ],
    ["Remote host said: 554 Transaction failed", "554", 5, "basicPrefixed"],
    [
      "SMTP error from remote mail server after RCPT TO:<jane@example.org>: 550 Unrouteable address",
      "550",
      5,
      "basicPrefixed",
    ],
  ])("%s → %s", (text, code, klass, kind) => {
    expect(readStatus(text)).toMatchObject({ code, class: klass, kind });
  });

  it("reads no code from a text without one", () => {
    expect(readStatus("Connection timed out")).toEqual({ kind: "textOnly" });
  });

  it("does not read an IP, a version, an address, a size or an id as a code", () => {
    for (const text of [
      "Client host [1.2.3.4] blocked",
      "connect to mx.example.org[203.0.113.9]:25: Connection timed out",
      "deferred due to user complaints - 4.16.55.1; see the postmaster site",
      "delivery to 5.1.1@example.org failed",
      "message size 5242880 exceeds size limit 550000",
      "Mail rejected OFR_550 [550]",
      "unable to deliver in 450 minutes",
    ]) {
      expect({ text, status: readStatus(text) }).toEqual({ text, status: { kind: "textOnly" } });
    }
  });

  it("takes the permanent verdict of a dialogue over an earlier delay and the 503 that follows", () => {
    expect(
      readStatus("450 busy - please try later 551 not our user 503 need RCPT command").code,
    ).toBe("551");
    expect(readStatus("550 5.1.1 user unknown 503 5.0.0 Need RCPT (recipient)").code).toBe("5.1.1");
  });
});
