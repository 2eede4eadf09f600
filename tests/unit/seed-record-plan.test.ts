// The pure half of `npm run seed`'s generator: the same seed plans the same records, services
// interleave over the whole window, states follow the age shares, the scope share holds.
import { describe, expect, it } from "vitest";
import { serviceMix } from "../../scripts/bench/record-states";
import { batchSeed, filedAt, installedMix, planBatch, RECENT_DAYS, seededRandom, type GridCounts } from "../../scripts/seed/record-plan";
import { formatDuration, progressLine } from "../../scripts/seed/progress-bar";

const now = new Date("2026-11-30T12:00:00Z");
const grids: GridCounts = {
  elderly_benefit: { inScope: 9, outOfScope: 58 },
  veteran_card: { inScope: 9, outOfScope: 58 },
  grid_event: { inScope: 9, outOfScope: 58 },
  resident_proposal: { inScope: 0, outOfScope: 3 },
};
const plan = (seed: number, size = 20_000, scopedShare = 0.1) => planBatch(seededRandom(batchSeed(seed, 0)), size, { now, days: 730, scopedShare, grids });

describe("planBatch", () => {
  it("plans the same records for the same seed and batch, others for another", () => {
    expect(plan(7, 500)).toEqual(plan(7, 500));
    expect(plan(8, 500)).not.toEqual(plan(7, 500));
    expect(batchSeed(7, 1)).not.toBe(batchSeed(7, 0));
  });

  it("shares the records among installed services as the mix says", () => {
    const records = plan(1);
    const mix = installedMix(grids);
    for (const service of mix) {
      const share = records.filter((r) => r.service_key === service.key).length / records.length;
      expect(share).toBeGreaterThan(service.share * 0.9);
      expect(share).toBeLessThan(service.share * 1.1);
    }
    // a service with no grids (not installed here) gets none, and the others take its share
    const withoutProposals = installedMix({ ...grids, resident_proposal: { inScope: 0, outOfScope: 0 } });
    expect(withoutProposals.map((s) => s.key)).not.toContain("resident_proposal");
    expect(withoutProposals.reduce((n, s) => n + s.share, 0)).toBeCloseTo(1);
  });

  it("interleaves the services over the whole two years, month by month", () => {
    const records = plan(2);
    const months = new Map<string, Set<string>>();
    for (const r of records) {
      const month = r.created_at.slice(0, 7);
      if (!months.has(month)) months.set(month, new Set());
      months.get(month)!.add(r.service_key);
    }
    expect(months.size).toBeGreaterThanOrEqual(24);
    const full = [...months.values()].filter((services) => services.size === 4).length;
    expect(full).toBeGreaterThanOrEqual(23);
    for (const r of records) {
      expect(new Date(r.created_at).getTime()).toBeLessThan(now.getTime());
      expect(r.updated_at >= r.created_at).toBe(true);
      expect(new Date(r.updated_at).getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("leaves recent records mostly open and old ones mostly finished", () => {
    const events = plan(3).filter((r) => r.service_key === "grid_event");
    const finished = (r: { state: string }) => ["closed", "invalid", "resolved"].includes(r.state);
    const age = (r: { created_at: string }) => (now.getTime() - new Date(r.created_at).getTime()) / 86_400_000;
    const recent = events.filter((r) => age(r) < RECENT_DAYS);
    const old = events.filter((r) => age(r) >= RECENT_DAYS);
    expect(recent.filter(finished).length / recent.length).toBeLessThan(0.6);
    expect(old.filter(finished).length / old.length).toBeGreaterThan(0.9);
    // every state drawn is one the mix names, escalated ones lifted
    const states = new Set(Object.keys(serviceMix.find((s) => s.key === "grid_event")!.states));
    for (const r of events) expect(states.has(r.state)).toBe(true);
    expect(events.filter((r) => r.state === "street_handling").every((r) => r.lift === 2)).toBe(true);
  });

  it("puts the scoped share of records in scope, and a service with no scoped grid outside it", () => {
    const records = plan(4);
    const share = records.filter((r) => r.in_scope).length / records.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(records.filter((r) => r.service_key === "resident_proposal").every((r) => !r.in_scope && r.grid_i >= 1 && r.grid_i <= 3)).toBe(true);
    expect(plan(4, 2000, 0).every((r) => !r.in_scope)).toBe(true);
  });
});

describe("filedAt", () => {
  it("stays within the window, mostly in office hours (Beijing time)", () => {
    const random = seededRandom(9);
    const hours = Array.from({ length: 5000 }, () => filedAt(random(), random(), now, 730));
    expect(hours.every((d) => d.getTime() < now.getTime() && d.getTime() > now.getTime() - 731 * 86_400_000)).toBe(true);
    const office = hours.filter((d) => (d.getUTCHours() + 8) % 24 >= 8 && (d.getUTCHours() + 8) % 24 < 18).length / hours.length;
    expect(office).toBeGreaterThan(0.8);
  });
});

describe("progress bar", () => {
  it("shows the share, the rate and the time left", () => {
    expect(progressLine(250_000, 1_000_000, 250, 10)).toBe("[███░░░░░░░]  25.0% 250,000/1,000,000 · 1,000 条/s records/s · 剩余 ETA 12m 30s");
    expect(formatDuration(3725)).toBe("1h 2m");
    expect(formatDuration(Infinity)).toBe("—");
  });
});
