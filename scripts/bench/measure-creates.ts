// Single create, the engine against the typed baseline: one valid grid event POSTed as the SPA
// files it (the engine: INSERT into records through every trigger — defaults, validation against
// the frozen version, sensitive split and blind index, participants, history, attachments; the
// baseline: its validation trigger and check constraints). Creates change what later requests
// see, so they run last, and in alternating blocks (engine block, typed block, typed, engine …)
// rather than interleaved one by one, each side warmed up first.
import { randomUUID } from "node:crypto";
import type { Caller } from "./measure-queries.ts";
import { send, type BenchRequest } from "./time-requests.ts";

export type CreateTiming = { caller: Caller; engine: number[]; typed: number[]; blocks: number; error?: string };

/** The answers of a new event at `grid`, with a fresh photo path in the caller's own folder. */
export function eventAnswers(userId: string, grid: string): Record<string, unknown> {
  return {
    category: "sanitation",
    title: "楼道堆放杂物",
    description: "居民反映情况属实，网格员已到现场查看并拍照，需要按规定处置并反馈。",
    photos: [{ path: `${userId}/bench/${randomUUID()}.jpg`, name: "现场.jpg", size: 350_000, mime: "image/jpeg" }],
    address: "和美家园 3栋2单元",
    grid,
    urgency: "yellow",
    reporter_name: "张伟",
    reporter_phone: "13800138000",
  };
}

export async function measureCreates(
  baseUrl: string,
  caller: Caller & { userId: string },
  o: { serviceId: string; grid: string; runs: number; warmup: number; blocks?: number },
): Promise<CreateTiming> {
  const blocks = o.blocks ?? 6;
  const perBlock = Math.max(1, Math.ceil(o.runs / blocks));
  const engine = (): BenchRequest => ({
    method: "POST",
    path: "/records?select=id",
    prefer: ["return=representation"],
    body: { service_id: o.serviceId, org_unit_id: o.grid, data: eventAnswers(caller.userId, o.grid) },
  });
  const typed = (): BenchRequest => ({
    method: "POST",
    path: "/grid_events_typed?select=id",
    prefer: ["return=representation"],
    body: eventAnswers(caller.userId, o.grid),
  });
  const make = { engine, typed };
  const ms = { engine: [] as number[], typed: [] as number[] };
  try {
    for (let i = 0; i < o.warmup; i += 1) for (const side of ["engine", "typed"] as const) await send(baseUrl, caller.token, make[side]());
    for (let block = 0; block < blocks; block += 1) {
      // engine, typed | typed, engine | … so neither side always follows the other
      const order = block % 2 === 0 ? (["engine", "typed"] as const) : (["typed", "engine"] as const);
      for (const side of order) for (let i = 0; i < perBlock; i += 1) ms[side].push((await send(baseUrl, caller.token, make[side]())).ms);
    }
  } catch (e) {
    // reported in the results table, like a failed query
    return { caller, engine: ms.engine, typed: ms.typed, blocks, error: e instanceof Error ? e.message : String(e) };
  }
  return { caller, engine: ms.engine, typed: ms.typed, blocks };
}
