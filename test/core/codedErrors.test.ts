// UserError and HostingError are one kind of value: a code, and the error they came from.
import { describe, expect, it } from "vitest";
import { isCoded, UserError } from "../../src/errors.ts";
import { HostingError } from "../../src/hosting/port.ts";

describe("coded errors", () => {
  it("a UserError's code is its catalog key; a HostingError's is the provider's class", () => {
    const cause = new Error("socket hang up");
    const user = new UserError("errors.badEmail", { email: "x" }, { cause });
    const hosting = new HostingError("timeout", "no answer", { hosting: "a.fr" }, { cause });
    for (const error of [user, hosting]) expect(isCoded(error) && error.cause).toBe(cause);
    expect([user.code, hosting.code]).toEqual(["errors.badEmail", "timeout"]);
    expect(isCoded(new Error("plain"))).toBe(false);
  });
});
