// Issue #17, case 9: a chart a person can read at a glance: its title names the hosting(s),
// the range and the time zone (checked in the SVG it is drawn from, and the PNG decoded);
// each report gets a file name of its own.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "../../src/jobs/report/chart.ts";
import { chartFilename, chartTitle } from "../../src/jobs/report/buildReply.ts";
import type { DayPoint } from "../../src/jobs/report/reportData.ts";
import { decodePng } from "../helpers/jobsPng.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";

const DAY = 86_400_000;
const days: DayPoint[] = Array.from({ length: 14 }, (_, i) => ({ day: Date.UTC(2026, 10, 11) + i * DAY, sent: 100 + i, errors: i }));
const view = { language: "en" as const, timeZone: "Europe/Paris", scheduled: false };

describe("charts a person can read at a glance", () => {
  const tempDir = useTempDir();

  it("the title names the hosting, the range and the time zone, in the SVG it is drawn from", async () => {
    const title = chartTitle([HOSTING], days, view);
    expect(title).toBe(`${HOSTING} · 11 Nov 2026 – 24 Nov 2026 (Europe/Paris)`);
    expect(chartTitle(["a.fr", "b.fr", "c.fr"], days, view)).toBe("3 hostings · 11 Nov 2026 – 24 Nov 2026 (Europe/Paris)");
    const svg = await renderChartSvg(days, "en", title);
    expect(svg).toContain(`${HOSTING} · 11 Nov 2026 – 24 Nov 2026 (Europe/Paris)`);
    expect(svg).not.toContain("Last 14 days");
  });

  it("a report's PNG is drawn with that title and saved under a name of its own", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    const one = await ask(app, person("V"), `report ${HOSTING}`);
    const all = await ask(app, person("V"), "report all");
    const [a] = one.attachments ?? [];
    const [b] = all.attachments ?? [];
    expect(a!.filename).toContain(HOSTING);
    expect(b!.filename).toContain("-all-");
    expect(a!.filename).not.toBe(b!.filename);
    const png = decodePng(a!.data);
    expect(png.width).toBeGreaterThan(600);
    await app.close();
    expect(chartFilename([HOSTING], Date.UTC(2026, 10, 24, 9, 5), "UTC")).toBe(`mailbrake-report-${HOSTING}-2026-11-24-0905.png`);
  });
});
