// "Sending is on" and "sending is stopped", said once each beside the states.
import { describe, expect, it } from "vitest";
import { isSending, isStopped, MAIL_STATES } from "../../src/hosting/port.ts";

describe("mail states", () => {
  it("sending is on in ok and force only; no state is both on and stopped", () => {
    expect(MAIL_STATES.filter(isSending)).toEqual(["ok", "force"]);
    expect(MAIL_STATES.filter((s) => isSending(s) && isStopped(s))).toEqual([]);
    expect(MAIL_STATES.filter((s) => !isSending(s) && !isStopped(s))).toEqual([]);
  });
});
