// Issue #17, case 9: ✗ marks only what failed or was refused. A red card that is not a failure
// (a purge to confirm, a purge starting, a stopped hosting's status, a report, an alert) gets
// another mark (and a cancelled request is no failure either), in the terminal and in Slack's header alike.
import { afterEach, describe, expect, it } from "vitest";
import { FAILED_MARK, renderText } from "../../adapters/console/render.ts";
import { renderReply } from "../../adapters/slack/render.ts";
import type { Reply } from "../../src/core/reply.ts";
import { HostingError, type HostingProvider } from "../../src/hosting/port.ts";
import type { Sandbox } from "../../src/hosting/sandbox/index.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";

const ADMIN = person("ADMIN");
const firstLine = (reply: Reply) => renderText(reply).split("\n")[0] ?? "";
const header = (reply: Reply) => {
  const [first] = renderReply(reply).blocks;
  return first?.type === "header" ? first.text.text : "";
};

/** The sandbox, with its actions failing as an unreachable provider's do when `failing` is set. */
function flaky(sandbox: Sandbox, failing: { on: boolean }): HostingProvider {
  return new Proxy(sandbox, {
    get(target, key, receiver) {
      if (key === "requestAction" && failing.on) {
        return async () => {
          throw new HostingError("unavailable", "OVHcloud answered HTTP 503", { status: 503 });
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("✗ only for real failures", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  const failing = { on: false };
  afterEach(async () => {
    await app?.close();
    app = undefined;
    failing.on = false;
  });
  const setup = async () => {
    app = await makeTestApp({
      dataDir: await tempDir(),
      env: { MAILBRAKE_ADMINS: "slack:ADMIN" },
      wrap: (sandbox) => flaky(sandbox, failing),
    });
    return app;
  };

  it("red cards that are not failures are not marked ✗ (terminal and Slack)", async () => {
    const app = await setup();
    await app.sandbox.spamDrill(HOSTING);
    const status = await ask(app, ADMIN, `status ${HOSTING}`);
    const report = await ask(app, ADMIN, "report all");
    const confirm = await ask(app, ADMIN, `purge ${HOSTING}`);
    const started = (await click(app, ADMIN, buttons(confirm)[0]!)).update!;
    const announced = app.sink.posts.at(-1)!;
    const other = await ask(app, ADMIN, "block kahvila-aalto.fi");
    const cancelled = (await click(app, ADMIN, buttons(other)[1]!)).update!;
    expect(cancelled.text).toContain("Cancelled. Nothing was changed.");
    for (const reply of [status, report, confirm, started, announced, cancelled]) {
      expect(reply.failed).toBeFalsy();
      expect(firstLine(reply)).not.toContain(FAILED_MARK);
      expect(header(reply)).not.toContain(":x:");
    }
    expect(confirm.card!.tone).toBe("danger");
    expect(firstLine(confirm)).toMatch(/^■ /);
    expect(header(confirm)).toMatch(/^:red_circle: /);
    expect(firstLine(status)).toMatch(/^■ /);
  });

  it("an action the provider failed, and one refused at the click, are marked ✗", async () => {
    const app = await setup();
    const confirm = await ask(app, ADMIN, `block ${HOSTING}`);
    failing.on = true;
    const failed = (await click(app, ADMIN, buttons(confirm)[0]!)).update!;
    expect(failed.failed).toBe(true);
    expect(firstLine(failed)).toMatch(/^✗ /);
    expect(header(failed)).toMatch(/^:x: /);

    failing.on = false;
    const again = await ask(app, ADMIN, `block ${HOSTING}`);
    await app.sandbox.spamDrill(HOSTING); // the state changes between the card and the click
    const refused = (await click(app, ADMIN, buttons(again)[0]!)).update!;
    expect(refused.failed).toBe(true);
    expect(firstLine(refused)).toMatch(/^✗ /);
  });
});
