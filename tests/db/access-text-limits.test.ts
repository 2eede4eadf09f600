// Free text sent to the record RPCs is bounded and blank text is no text (issue #7, item 6;
// 20261130050000): comments at most 2,000 characters, delete reasons 500; whitespace-only and
// zero-width-only text counts as blank. Every refusal is a 4xx with a bilingual hint, next to the
// same call that is accepted. Acting as the demo users through PostgREST.
import { describe, expect, it } from "vitest";
import { as, gridEventData, mustCreate, run, sql, transition, UNITS, type RecordRow } from "../support/engine-fixtures";

const ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060\u00a0\u3000 \u180e\u200e";

async function gridEvent(): Promise<RecordRow> {
  return mustCreate(await as("grid"), "grid_event", UNITS.guniupingGrid1, await gridEventData());
}

describe("comments", () => {
  it("a comment of 2,000 characters is kept, trimmed; 2,001 is refused with text_too_long", async () => {
    const grid = await as("grid");
    const row = await gridEvent();
    const tooLong = await grid.rpc("comment_record", { p_id: row.id, p_comment: "长".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.error).toMatchObject({ code: "PT400", message: "text_too_long" });
    expect(tooLong.error!.hint).toMatch(/最多 2000 个字.*\/ .*at most 2000 characters/);
    expect(JSON.parse(tooLong.error!.details)).toMatchObject({ maximum: 2000, length: 2001 });

    const kept = await grid.rpc("comment_record", { p_id: row.id, p_comment: `${ZERO_WIDTH}${"好".repeat(2000)}${ZERO_WIDTH}` });
    expect(kept.error).toBeNull();
    expect(kept.data.comment).toBe("好".repeat(2000));
  });

  it("an 8 MB comment is refused with a 4xx (by the gateway's body cap or by the database), never stored", async () => {
    const grid = await as("grid");
    const row = await gridEvent();
    const huge = await grid.rpc("comment_record", { p_id: row.id, p_comment: `${run} ${"x".repeat(8 * 1024 * 1024)}` });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const [{ n }] = await sql<{ n: number }>("select count(*)::int n from public.record_events where record_id = $1 and kind = 'comment'", [row.id]);
    expect(n).toBe(0);
  });

  it("a comment of whitespace and zero-width characters is no comment", async () => {
    const grid = await as("grid");
    const row = await gridEvent();
    for (const blank of [ZERO_WIDTH, "\u200b", "   ", ""]) {
      const { error, status } = await grid.rpc("comment_record", { p_id: row.id, p_comment: blank });
      expect({ blank, status, message: error?.message }).toEqual({ blank, status: 400, message: "comment_required" });
    }
    const written = await grid.rpc("comment_record", { p_id: row.id, p_comment: `\u200b已联系物业 ${run}` });
    expect(written.error).toBeNull();
  });
});

describe("transition comments", () => {
  it("a required comment of zero-width characters is refused; a real one is accepted and trimmed", async () => {
    const grid = await as("grid");
    const row = await gridEvent();
    const blank = await transition(grid, row, "mark_invalid", { comment: ZERO_WIDTH });
    expect(blank.error).toMatchObject({ code: "PT400", message: "comment_required" });
    const tooLong = await transition(grid, row, "mark_invalid", { comment: "无".repeat(2001) });
    expect(tooLong.error).toMatchObject({ code: "PT400", message: "text_too_long" });
    const taken = await transition(grid, row, "mark_invalid", { comment: `${ZERO_WIDTH}重复上报${ZERO_WIDTH}` });
    expect(taken.error).toBeNull();
    const [event] = await sql<{ comment: string }>("select comment from public.record_events where record_id = $1 and kind = 'transition'", [row.id]);
    expect(event.comment).toBe("重复上报");
  });
});

describe("delete reasons", () => {
  it("at most 500 characters and not blank", async () => {
    const admin = await as("admin");
    const row = await gridEvent();
    const tooLong = await admin.rpc("delete_record", { p_id: row.id, p_row_version: row.row_version, p_reason: "因".repeat(501) });
    expect(tooLong.error).toMatchObject({ code: "PT400", message: "text_too_long" });
    expect(tooLong.error!.hint).toMatch(/删除原因过长.*at most 500/);
    const blank = await admin.rpc("delete_record", { p_id: row.id, p_row_version: row.row_version, p_reason: ZERO_WIDTH });
    expect(blank.error).toMatchObject({ code: "PT400", message: "reason_required" });
    const deleted = await admin.rpc("delete_record", { p_id: row.id, p_row_version: row.row_version, p_reason: "因".repeat(500) });
    expect(deleted.error).toBeNull();
  });
});

describe("history", () => {
  it("the record_events columns refuse an over-long or blank comment from any writer", async () => {
    const [{ constraints }] = await sql<{ constraints: string[] }>(
      "select array_agg(conname::text order by conname) constraints from pg_constraint where conrelid = 'public.record_events'::regclass and contype = 'c'",
    );
    expect(constraints).toEqual(expect.arrayContaining(["record_events_comment_length", "record_events_comment_not_blank"]));
  });
});
