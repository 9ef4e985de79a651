// The mapping of node-ovh's plain-object rejections to typed errors (pure).
import { describe, expect, it } from "vitest";
import { classify } from "../../../src/hosting/ovh/errors.ts";

const read = { method: "GET", path: "/hosting/web/a.example/email", hosting: "a.example", queryId: "EU.q1" };
const action = { method: "POST", path: "/hosting/web/a.example/email/request", hosting: "a.example" };
const hangUp = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

describe("classify", () => {
  it.each([
    [{ error: 400, message: "Invalid signature" }, "auth", { resync: true }],
    [{ error: 400, message: "Query out of time" }, "auth", { resync: true }],
    [{ error: 400, message: "Invalid value for email" }, "invalid", {}],
    [{ error: 401, message: "You must login first" }, "auth", {}],
    [{ error: 403, message: "This credential does not exist" }, "auth", {}],
    [{ error: 403, message: "This application key is invalid" }, "auth", {}],
    [{ error: 403, message: "This call has not been granted" }, "forbidden", {}],
    [{ error: 404, message: "The requested object does not exist" }, "not_found", {}],
    [{ error: 409, message: "Cannot BLOCK a.example (state: ko)" }, "refused", {}],
    [{ error: 429, message: "Too many requests" }, "rate_limited", { retryable: true }],
    [{ error: 460, message: "This credential has expired" }, "auth", {}],
    [{ error: 500, message: "Internal server error" }, "unavailable", { retryable: true, maybeApplied: true }],
    [{ error: 502, message: null }, "unavailable", { retryable: true, maybeApplied: true }],
    [{ error: "[OVH] Unable to parse JSON reponse" }, "unavailable", { retryable: true, maybeApplied: true }],
    [{ error: "[OVH] Unable to fetch OVH API time" }, "unavailable", { retryable: true, maybeApplied: false }],
    [{ error: -111 }, "unavailable", { retryable: true, maybeApplied: false }],
    [{ error: -3008 }, "unavailable", { retryable: true, maybeApplied: false }],
    [{ error: -104 }, "unavailable", { retryable: true, maybeApplied: true }],
    [{ error: hangUp }, "unavailable", { retryable: true, maybeApplied: true }],
    [{ error: { statusCode: 401, error: "Unauthorized" } }, "auth", {}],
    [{ error: 418, message: "teapot" }, "unknown", {}],
    ["something odd", "unknown", {}],
  ] as const)("%j → %s", (raw, code, flags) => {
    const result = classify(raw, read);
    expect(result.error.code).toBe(code);
    expect(result).toMatchObject({ retryable: false, maybeApplied: false, resync: false, ...flags });
    expect(result.error.details.hosting).toBe("a.example");
    expect(result.error.details.queryId).toBe("EU.q1");
  });

  it("names the IAM action a 403 message gives", () => {
    const result = classify(
      { error: 403, message: "Access denied: the action webHosting:apiovh:email/request/create is not allowed" },
      action,
    );
    expect(result.error.details.missingRight).toBe("webHosting:apiovh:email/request/create");
  });

  it("falls back to the route's IAM action when the 403 names none", () => {
    const result = classify({ error: 403, message: "This call has not been granted" }, action);
    expect(result.error.code).toBe("forbidden");
    expect(result.error.details.missingRight).toBe("webHosting:apiovh:email/request/create");
  });

  it("keeps a refusal's status and class, and never reads a state out of its undocumented wording", () => {
    const result = classify({ error: 409, message: "Cannot BLOCK a.example: already stopped (state: spam)" }, action);
    expect(result.error.code).toBe("refused");
    expect(result.error.details).toMatchObject({ status: 409, providerClass: "Client::Conflict" });
    expect(result.error.details.state).toBeUndefined();
  });
});
