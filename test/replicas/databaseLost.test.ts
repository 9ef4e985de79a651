// The database stopped and started again under a running bot (a private server, so the other
// tests' one is untouched): commands refuse cleanly meanwhile and start nothing at the
// provider; when it is back, the same button works, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailAction } from "../../src/hosting/port.ts";
import { PgCluster } from "../helpers/pgCluster.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";
import { countingActions } from "../helpers/providerSpy.ts";

const tempDir = useTempDir();
let cluster: PgCluster;
beforeAll(async () => {
  cluster = await PgCluster.start();
}, 60_000);
afterAll(() => cluster.destroy());

describe("the database lost under a running bot", () => {
  it("refuses commands and clicks in one line, executes nothing, and recovers when the server is back", { timeout: 60_000 }, async () => {
    const calls: MailAction[] = [];
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { DATABASE_URL: await cluster.createDatabase(), MAILBRAKE_ADMINS: "slack:ADMIN" },
      wrap: countingActions(calls),
    });
    try {
      const [confirm] = buttons(await ask(app, person("ADMIN"), `block ${HOSTING} hacked form`));
      await cluster.stopServer();
      const refused = await click(app, person("ADMIN"), confirm!);
      const text = refused.notice?.text ?? "";
      expect(refused.update).toBeUndefined();
      expect(text).toContain("The store is unavailable (the database cannot be reached): nothing was changed.");
      const asked = await ask(app, person("ADMIN"), `block ${HOSTING}`);
      expect(asked.text).toContain("The store is unavailable");
      expect(calls).toEqual([]);
      expect((await app.sandbox.getMail(HOSTING)).state).not.toBe("ko");

      await cluster.startServer();
      const done = await click(app, person("ADMIN"), confirm!);
      expect(calls).toEqual(["BLOCK"]);
      expect(done.update?.text).toContain("Decided by user-ADMIN");
      const again = await click(app, person("ADMIN"), confirm!);
      expect(calls).toEqual(["BLOCK"]);
      expect(again.notice?.text).toContain("already");
    } finally {
      await app.close();
    }
  });
});
