// The 审计日志 page keeps its filters in the URL and turns local days into the RPC's instants.
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { auditFilters, auditSearchParams, parseAuditSearch } from "@/pages/audit/auditSearch";

describe("audit log search", () => {
  it("defaults to the last 30 days, all kinds, everyone, page 1", () => {
    expect(parseAuditSearch(new URLSearchParams(), "2026-11-30")).toEqual({ kinds: [], user: undefined, fromDay: "2026-11-01", toDay: "2026-11-30", page: 1 });
  });

  it("reads and writes kinds, person, days and page; unknown kinds and bad values are dropped", () => {
    const params = new URLSearchParams("kind=auth&kind=bogus&kind=sensitive&user=u1&from=2026-10-01&to=2026-10-31&page=3");
    const search = parseAuditSearch(params, "2026-11-30");
    expect(search).toEqual({ kinds: ["auth", "sensitive"], user: "u1", fromDay: "2026-10-01", toDay: "2026-10-31", page: 3 });
    expect(parseAuditSearch(auditSearchParams(search), "2026-11-30")).toEqual(search);
    expect(parseAuditSearch(new URLSearchParams("from=yesterday&page=-2"), "2026-11-30")).toMatchObject({ fromDay: "2026-11-01", page: 1 });
  });

  it("asks the database for [start of the first day, start of the day after the last)", () => {
    const filters = auditFilters({ kinds: [], fromDay: "2026-11-01", toDay: "2026-11-30", page: 1 });
    expect(filters.from).toBe(dayjs("2026-11-01T00:00:00").toISOString());
    expect(filters.to).toBe(dayjs("2026-12-01T00:00:00").toISOString());
  });
});
