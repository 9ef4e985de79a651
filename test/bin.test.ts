// The package as it is published: `npm pack` holds the built JavaScript (no sources, no
// development tools), and `npx mailbrake` from it runs, offline, with the chart drawn by the
// built chart worker. The package's dependencies are linked from this checkout's node_modules,
// so nothing is downloaded and a development tool (tsx, vitest) is out of its reach.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDir } from "./helpers/tempDir.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Packed {
  filename: string;
  files: { path: string }[];
}

describe("the packed package", () => {
  const tempDir = useTempDir();

  it("holds the built JavaScript, and npx mailbrake runs it offline", async () => {
    const dir = await tempDir();
    // dist/ is built by the test set-up; packing again would rebuild it under other tests' feet.
    const out = execFileSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: root,
      encoding: "utf8",
    });
    const [packed] = JSON.parse(out) as Packed[];
    const files = (packed?.files ?? []).map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/mailbrake.js",
        "dist/cli.js",
        "dist/cli.js.map",
        "dist/chartWorker.js",
        "dist/locales/en/core.json",
        "package.json",
      ]),
    );
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.endsWith(".ts"))).toEqual([]);

    const project = join(dir, "project");
    const installed = join(project, "node_modules", "mailbrake");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", join(dir, packed?.filename ?? ""), "--strip-components=1", "-C", installed]);
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies)).not.toContain("tsx");
    for (const name of Object.keys(manifest.dependencies)) {
      const link = join(project, "node_modules", name);
      mkdirSync(join(link, ".."), { recursive: true });
      symlinkSync(join(root, "node_modules", name), link, "dir");
    }
    mkdirSync(join(project, "node_modules", ".bin"));
    symlinkSync(join("..", "mailbrake", manifest.bin.mailbrake), join(project, "node_modules", ".bin", "mailbrake"));

    const npx = (...args: string[]) =>
      spawnSync(npm, ["exec", "--offline", "--no", "--", "mailbrake", ...args], {
        cwd: project,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          LANG: "C",
          MAILBRAKE_DATA_FILE: join(project, "data", "mailbrake.json"),
        },
      });
    const version = npx("--version");
    expect(version.stdout).toBe(`mailbrake ${manifest.version}\n`);
    expect(version.status).toBe(0);

    const report = npx("report", "sklep-nowak.pl");
    expect(report.stderr).toBe("");
    const png = /→ (\S+\.png)$/m.exec(report.stdout)?.[1];
    expect(readFileSync(png ?? "").subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(report.status).toBe(0);
  });
});
