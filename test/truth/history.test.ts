// Issue #17, case 10: history worth reading: the hosting of every hosting command, one record
// per event, the reason shown, and a torn last line that never swallows the next record.
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";

const records = async (dir: string) =>
  (await readFile(join(dir, "audit.jsonl"), "utf8"))
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });

describe("history worth reading", () => {
  const tempDir = useTempDir();

  it("status <h> is recorded with its hosting; a drill once; the reason is shown", async () => {
    const dir = await tempDir();
    const app = await makeTestApp({ dataDir: dir, env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    await ask(app, person("ADMIN"), `status ${HOSTING}`);
    await ask(app, person("ADMIN"), "drill kahvila-aalto.fi");
    await click(app, person("ADMIN"), buttons(await ask(app, person("ADMIN"), `block ${HOSTING} hacked form`))[0]!);
    const all = await records(dir);
    expect(all.find((r) => r.command === "status")).toMatchObject({ hosting: HOSTING });
    expect(all.filter((r) => r.command === "drill")).toHaveLength(1);
    expect((await ask(app, person("ADMIN"), `history ${HOSTING}`)).text).toContain("reason: “hacked form”");
    await app.close();
  });

  it("a torn last line (a crash mid-append) does not swallow the next record", async () => {
    const dir = await tempDir();
    let app = await makeTestApp({ dataDir: dir });
    await ask(app, person("V"), `status ${HOSTING}`);
    await app.close();
    await appendFile(join(dir, "audit.jsonl"), '{"at":17,"event":"req');
    app = await makeTestApp({ dataDir: dir });
    await ask(app, person("V"), "status sklep-nowak.pl");
    expect((await ask(app, person("V"), "history")).text).toContain("sklep-nowak.pl");
    await app.close();
    expect((await records(dir)).filter((r) => r.command === "status").map((r) => r.hosting)).toEqual([HOSTING, "sklep-nowak.pl"]);
  });
});
