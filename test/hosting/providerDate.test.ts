// Provider dates: date-times with offsets and bare days, counted by day in the team's zone.
import { describe, expect, it } from "vitest";
import { calendarDay, dayOf, instantOf, isProviderDate, volumeDay, zonedMidnight } from "../../src/hosting/providerDate.ts";

describe("provider dates", () => {
  it("accepts date-times with an offset or Z, and bare days; nothing else", () => {
    for (const ok of ["2026-11-30T14:03:11+01:00", "2026-11-30T14:03:11.250Z", "2026-11-30T14:03:11-0500", "2026-11-30"]) {
      expect(isProviderDate(ok), ok).toBe(true);
    }
    for (const bad of ["yesterday", "2026-11-30T14:03:11", "2026-13-45", "", "1764511391"]) {
      expect(isProviderDate(bad), bad).toBe(false);
    }
  });

  it("reads the instant of a date-time with an offset", () => {
    expect(instantOf("2026-11-30T14:03:11+01:00")).toBe(Date.parse("2026-11-30T13:03:11Z"));
    expect(instantOf("2026-11-30", "Europe/Helsinki")).toBe(Date.parse("2026-11-29T22:00:00Z"));
  });

  it("counts an instant on the team's calendar day", () => {
    expect(dayOf("2026-11-30T23:30:00+01:00", "Europe/Paris")).toBe("2026-11-30");
    expect(dayOf("2026-11-30T23:30:00+01:00", "Europe/Helsinki")).toBe("2026-12-01");
    expect(dayOf("2026-11-30T00:30:00+01:00", "UTC")).toBe("2026-11-29");
    expect(dayOf("2026-11-30", "Pacific/Auckland")).toBe("2026-11-30");
  });

  it("counts a volume dated at the provider's midnight on the day it stands for, whatever the team's zone", () => {
    for (const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/Helsinki"]) {
      expect(volumeDay("2026-11-30T00:00:00+01:00", zone), zone).toBe("2026-11-30");
    }
    expect(volumeDay("2026-11-30", "Asia/Tokyo")).toBe("2026-11-30");
  });

  it("finds a day's midnight in a zone, across a daylight-saving change", () => {
    expect(zonedMidnight("2026-03-29", "Europe/Paris")).toBe(Date.parse("2026-03-28T23:00:00Z"));
    expect(zonedMidnight("2026-03-30", "Europe/Paris")).toBe(Date.parse("2026-03-29T22:00:00Z"));
    expect(calendarDay(zonedMidnight("2026-10-25", "America/Sao_Paulo"), "America/Sao_Paulo")).toBe("2026-10-25");
  });
});
