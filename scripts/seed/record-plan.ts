// The pure half of the record generator: which service, state, filing time, grid and people
// each synthetic record gets, drawn from a seeded PRNG so the same seed plans the same records
// (the benchmark and `npm run seed` load identical data). The SQL half (generate-records.ts)
// turns a plan into valid answers and inserts it through the engine's triggers.
import { escalatedShare, serviceMix, type ServiceMix } from "../bench/record-states.ts";

/** A record younger than this many days draws from a state's "recent" share, older ones from "old". */
export const RECENT_DAYS = 60;
const DAY_MS = 86_400_000;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)); Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Batch k of a run seeded `seed` draws from its own stream, whichever worker inserts it. */
export const batchSeed = (seed: number, batch: number): number => (Math.imul(seed, 1_000_003) + Math.imul(batch + 1, 2_654_435_761)) >>> 0;

/** Grids per service that may receive its records (within the service's owner), split by the benchmark's scope. */
export type GridCounts = Record<string, { inScope: number; outOfScope: number }>;

export type PlanOptions = {
  now: Date;
  /** Filing dates spread evenly over this many days back from `now` (all services interleaved). */
  days: number;
  /** Share of records filed in the scoped subtree (the benchmark's ~10 % user); 0 = no preference. */
  scopedShare: number;
  grids: GridCounts;
  mix?: readonly ServiceMix[];
};

export type PlannedRecord = {
  service_key: string;
  state: string;
  lift: number;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  in_scope: boolean;
  /** 1-based index into the service's grids of that scope, ordered by code. */
  grid_i: number;
  /** Uniform draws the SQL uses to pick the creator and the acting staff among the unit's members. */
  creator_u: number;
  actor_u: number;
};

/** The mix restricted to services that are installed and have grids, shares renormalised to 1. */
export function installedMix(grids: GridCounts, mix: readonly ServiceMix[] = serviceMix): ServiceMix[] {
  const usable = mix.filter((s) => (grids[s.key]?.inScope ?? 0) + (grids[s.key]?.outOfScope ?? 0) > 0);
  const sum = usable.reduce((n, s) => n + s.share, 0);
  return usable.map((s) => ({ ...s, share: s.share / sum }));
}

function pickWeighted<T>(items: readonly T[], weight: (item: T) => number, u: number): T {
  const total = items.reduce((n, item) => n + weight(item), 0);
  let at = u * total;
  for (const item of items) {
    at -= weight(item);
    if (at < 0) return item;
  }
  return items.at(-1)!;
}

/**
 * When a record was filed: uniform over the window, so every service's records interleave in
 * time; the time of day is drawn separately, weighted to office hours (08–18 h Beijing time).
 */
export function filedAt(uDay: number, uHour: number, now: Date, days: number): Date {
  const day = Math.floor(uDay * days);
  const officeHour = uHour < 0.85;
  // the rest of the day: 18:00 to 08:00 (hour 24+ wraps to the small hours of the same date)
  const hour = officeHour ? 8 + (uHour / 0.85) * 10 : 18 + ((uHour - 0.85) / 0.15) * 14;
  const beijingMidnight = Math.floor((now.getTime() + 8 * 3600_000) / DAY_MS) * DAY_MS - 8 * 3600_000;
  const at = beijingMidnight - day * DAY_MS + (hour % 24) * 3600_000;
  return new Date(Math.min(at, now.getTime() - 60_000));
}

/** Plans `size` records; `random` is the batch's own stream (seededRandom(batchSeed(...))). */
export function planBatch(random: () => number, size: number, o: PlanOptions): PlannedRecord[] {
  const mix = installedMix(o.grids, o.mix);
  const out: PlannedRecord[] = [];
  for (let n = 0; n < size; n++) {
    const service = pickWeighted(mix, (s) => s.share, random());
    const created = filedAt(random(), random(), o.now, o.days);
    const ageDays = (o.now.getTime() - created.getTime()) / DAY_MS;
    const bucket = ageDays < RECENT_DAYS ? "recent" : "old";
    const [state, share] = pickWeighted(Object.entries(service.states), ([, s]) => s[bucket], random());
    // work on a record happened within 30 days of its filing (and not in the future)
    const updated = new Date(created.getTime() + random() * Math.min(o.now.getTime() - created.getTime(), 30 * DAY_MS));
    // a resolved or closed event may have been escalated on its way (to the community or the street)
    const lifted = random();
    const lift =
      service.key === "grid_event" && (state === "resolved" || state === "closed")
        ? lifted < escalatedShare.street
          ? 2
          : lifted < escalatedShare.street + escalatedShare.community
            ? 1
            : 0
        : share.lift;
    const counts = o.grids[service.key];
    const inScope = counts.inScope > 0 && (counts.outOfScope === 0 || random() < o.scopedShare);
    const gridCount = inScope ? counts.inScope : counts.outOfScope;
    out.push({
      service_key: service.key,
      state,
      lift,
      created_at: created.toISOString(),
      updated_at: updated.toISOString(),
      deleted: random() < 0.005,
      in_scope: inScope,
      grid_i: 1 + Math.floor(random() * gridCount),
      creator_u: random(),
      actor_u: random(),
    });
  }
  return out;
}
