// Deadlines from data and a workday calendar (issue 9, item 6): the database sets due_at from
// the state's timeLimit — hours, 工作日 (weekends and public holidays skipped, 调休 weekend days
// counted, Asia/Shanghai dates) or chosen by a field's answer — whoever writes the record.
// work_calendar is seeded from chinese-days and editable by system administrators only.
import { afterAll, describe, expect, it } from "vitest";
import { TestWorld } from "../support/access-fixtures";
import { as, gridEventData, mustCreate, sql, UNITS } from "../support/engine-fixtures";

const world = new TestWorld();
afterAll(() => world.cleanup());

async function dueAfterWorkdays(from: string, days: number): Promise<string> {
  const [row] = await sql<{ due: string }>(
    "select to_char(private.add_workdays($1::timestamptz, $2) at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as due",
    [from, days],
  );
  return row.due;
}

describe("working days", () => {
  it("skips the 2026 National Day holiday (1–7 October) and counts Saturday 10 October, a 调休 working day", async () => {
    // Tuesday 29 September: 30 Sep is the 1st working day, then 8, 9, 10 (Sat, 调休), 12 October
    expect(await dueAfterWorkdays("2026-09-29T10:00:00+08:00", 1)).toBe("2026-09-30 23:59:59");
    expect(await dueAfterWorkdays("2026-09-29T10:00:00+08:00", 2)).toBe("2026-10-08 23:59:59");
    expect(await dueAfterWorkdays("2026-09-29T10:00:00+08:00", 4)).toBe("2026-10-10 23:59:59");
    expect(await dueAfterWorkdays("2026-09-29T10:00:00+08:00", 5)).toBe("2026-10-12 23:59:59");
    // 15 working days from 28 September (the legal time limit of many benefits)
    expect(await dueAfterWorkdays("2026-09-28T09:00:00+08:00", 15)).toBe("2026-10-23 23:59:59");
    // Sunday 20 September 2026 is a 调休 working day; an ordinary Sunday is not
    expect(await dueAfterWorkdays("2026-09-19T12:00:00+08:00", 1)).toBe("2026-09-20 23:59:59");
    expect(await dueAfterWorkdays("2026-09-12T12:00:00+08:00", 1)).toBe("2026-09-14 23:59:59");
  });

  it("takes the day in Beijing time: 23:30 UTC on 29 September is already 30 September", async () => {
    expect(await dueAfterWorkdays("2026-09-29T23:30:00Z", 1)).toBe("2026-10-08 23:59:59");
  });

  it("computes a state's limit from the definition: hours, workdays, or by a field's answer", async () => {
    const definition = {
      workflow: {
        states: [
          { key: "by_urgency", timeLimit: { byField: "urgency", values: { red: { hours: 2 }, yellow: { hours: 24 } }, default: { workdays: 1 } } },
          { key: "legal", timeLimit: { workdays: 15 } },
          { key: "old_style", slaHours: 48 },
          { key: "done", terminal: true, timeLimit: { hours: 1 } },
        ],
      },
    };
    const due = async (status: string, data: Record<string, unknown>) =>
      (
        await sql<{ due: string | null }>(
          "select to_char(private.record_due_at($1::jsonb, $2, $3::jsonb, '2026-09-29T10:00:00+08:00') at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as due",
          [JSON.stringify(definition), status, JSON.stringify(data)],
        )
      )[0].due;
    expect(await due("by_urgency", { urgency: "red" })).toBe("2026-09-29 12:00");
    expect(await due("by_urgency", { urgency: "yellow" })).toBe("2026-09-30 10:00");
    expect(await due("by_urgency", { urgency: "blue" })).toBe("2026-09-30 23:59");
    expect(await due("legal", {})).toBe("2026-10-26 23:59"); // from 29 Sep; from 28 Sep it is 23 Oct (above)
    expect(await due("old_style", {})).toBe("2026-10-01 10:00");
    expect(await due("done", {})).toBeNull();
  });
});

describe("the built-in templates' legal time limits", () => {
  // what the record's due date becomes when it enters a state at that moment (private.record_due_at,
  // as the status trigger computes it), with the published definition of the installed template
  async function templateDue(service: string, state: string, data: Record<string, unknown>, at: string): Promise<string | null> {
    const [row] = await sql<{ due: string | null }>(
      `select to_char(private.record_due_at(v.definition, $2, $3::jsonb, $4::timestamptz) at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as due
         from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
        where s.key = $1`,
      [service, state, JSON.stringify(data), at],
    );
    return row.due;
  }

  it("count 工作日 across the 2026 National Day holiday: an application accepted on 29 September is due on 12 October", async () => {
    // 老年优待证 已受理·待核验原件: 5 working days — 30 Sep, 8, 9, 10 (Saturday, 调休), 12 October
    expect(await templateDue("elderly_benefit", "accepted", { benefit_type: "card" }, "2026-09-29T10:00:00+08:00")).toBe("2026-10-12 23:59");
    // 7 calendar days of public notice run through the holiday
    expect(await templateDue("elderly_benefit", "publicity", { benefit_type: "allowance" }, "2026-09-29T10:00:00+08:00")).toBe("2026-10-06 10:00");
    // 退役军人优待证 after the county's first review: 15 working days
    expect(await templateDue("veteran_card", "county_reviewed", {}, "2026-09-28T09:00:00+08:00")).toBe("2026-10-23 23:59");
    // a yellow grid event: 24 calendar hours, holiday or not
    expect(await templateDue("grid_event", "reported", { urgency: "yellow" }, "2026-09-30T15:00:00+08:00")).toBe("2026-10-01 15:00");
  });
});

describe("the definition check", () => {
  it("accepts hours, workdays and a limit by a field's answer, and refuses anything else at its path", async () => {
    const [{ definition }] = await sql<{ definition: { workflow: { states: Record<string, unknown>[] } } }>(
      "select v.definition from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version where s.key = 'grid_event'",
    );
    const check = async (timeLimit: unknown) => {
      const states = definition.workflow.states.map((state, i) => (i === 1 ? { ...state, timeLimit } : state));
      const [{ errors }] = await sql<{ errors: { path: string; code: string }[] }>("select private.check_service_definition($1::jsonb) as errors", [
        JSON.stringify({ ...definition, workflow: { ...definition.workflow, states } }),
      ]);
      return errors.filter((e) => e.path.includes("timeLimit")).map((e) => `${e.path} ${e.code}`);
    };
    expect(await check({ hours: 24 })).toEqual([]);
    expect(await check({ workdays: 15 })).toEqual([]);
    expect(await check({ byField: "urgency", values: { red: { hours: 2 }, blue: { workdays: 3 } }, default: { hours: 72 } })).toEqual([]);
    for (const wrong of [
      { days: 3 },
      { hours: 0 },
      { workdays: 1.5 },
      { hours: 2, workdays: 1 },
      { byField: "urgency", values: { red: { minutes: 5 } } },
      24,
    ]) {
      expect(await check(wrong)).toEqual(["workflow.states[1].timeLimit wrong_type"]);
    }
  });
});

describe("due_at of records", () => {
  it("gives a yellow grid event 24 hours and a red one 2 hours (timeLimit by urgency)", async () => {
    const grid = await as("grid");
    const before = Date.now();
    const yellow = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, { ...(await gridEventData()), urgency: "yellow" });
    const red = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, { ...(await gridEventData()), urgency: "red" });
    const hours = (iso: string | null) => (new Date(iso!).getTime() - before) / 3_600_000;
    expect(hours(yellow.due_at)).toBeCloseTo(24, 1);
    expect(hours(red.due_at)).toBeCloseTo(2, 1);
  });

  it("ignores a due_at the client sends", async () => {
    const grid = await as("grid");
    const { data, error } = await grid
      .from("records")
      .insert({
        service_id: (await sql<{ id: string }>("select id from public.services where key = 'grid_event'"))[0].id,
        org_unit_id: (await sql<{ id: string }>("select id from public.org_units where code = $1", [UNITS.guniupingGrid1]))[0].id,
        data: { ...(await gridEventData()), urgency: "blue" },
        due_at: "2099-01-01T00:00:00Z",
      })
      .select("due_at")
      .single();
    expect(error).toBeNull();
    expect((new Date(data!.due_at).getTime() - Date.now()) / 3_600_000).toBeCloseTo(72, 0);
  });
});

describe("work_calendar", () => {
  it("is seeded from chinese-days: 2026 National Day and its 调休 days", async () => {
    const staff = await as("staff");
    const { data, error } = await staff
      .from("work_calendar")
      .select("day, kind")
      .in("day", [
        "2026-09-20",
        "2026-09-28",
        "2026-10-01",
        "2026-10-02",
        "2026-10-03",
        "2026-10-04",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
        "2026-10-08",
        "2026-10-10",
      ])
      .order("day");
    expect(error).toBeNull();
    expect(data).toEqual([
      { day: "2026-09-20", kind: "workday" },
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: `2026-10-0${d}`, kind: "holiday" })),
      { day: "2026-10-10", kind: "workday" },
    ]);
  });

  it("refuses changes by anyone but a system administrator, who may add, change and remove a day", async () => {
    const staff = await as("staff");
    const admin = await as("admin"); // a community administrator
    for (const client of [staff, admin]) {
      const insert = await client.from("work_calendar").insert({ day: "2027-10-01", kind: "holiday", name: "国庆节" });
      expect(insert.error?.code).toBe("42501");
      const update = await client.from("work_calendar").update({ name: "改名" }).eq("day", "2026-10-01").select("day");
      expect(update.data ?? []).toEqual([]);
      const remove = await client.from("work_calendar").delete().eq("day", "2026-10-01").select("day");
      expect(remove.data ?? []).toEqual([]);
    }
    expect(await sql("select name from public.work_calendar where day = '2026-10-01'")).toEqual([{ name: "国庆节" }]);

    const system = await world.person("calendar-admin", { role: "system_admin", unitCode: "433100" });
    const added = await system.client.from("work_calendar").insert({ day: "2027-10-01", kind: "holiday", name: "国庆节" }).select("day");
    expect(added.error).toBeNull();
    // a new holiday moves a deadline: Thursday 30 Sep 2027 + 1 working day skips Friday 1 Oct
    expect(await dueAfterWorkdays("2027-09-30T10:00:00+08:00", 1)).toBe("2027-10-04 23:59:59");
    const changed = await system.client.from("work_calendar").update({ name: "国庆节（测试）" }).eq("day", "2027-10-01").select("name");
    expect(changed.data).toEqual([{ name: "国庆节（测试）" }]);
    const removed = await system.client.from("work_calendar").delete().eq("day", "2027-10-01").select("day");
    expect(removed.data).toEqual([{ day: "2027-10-01" }]);
    expect(await dueAfterWorkdays("2027-09-30T10:00:00+08:00", 1)).toBe("2027-10-01 23:59:59");
    const audited = await sql<{ action: string }>(
      "select action from public.audit_log where table_name = 'work_calendar' and row_id = '2027-10-01' order by id",
    );
    expect(audited.map((a) => a.action)).toEqual(["insert", "update", "delete"]);
  });

  it("is not readable without a membership, nor by anon", async () => {
    const outsider = await world.person("calendar-outsider");
    const { data } = await outsider.client.from("work_calendar").select("day").limit(1);
    expect(data ?? []).toEqual([]);
  });
});
