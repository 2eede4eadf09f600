// The access matrix (DESIGN §6): every preset role at a fixed unit × every action × targets at
// the own, child, sibling and parent units, through PostgREST and Storage with real JWTs, each
// answer checked against what service_role_grants and the org tree say it should be — computed
// here, not by the database's helpers. Then the tricks: filters, embeds, counts, HEAD, RPCs on
// records out of scope, bad tokens, moving records, participants (read after the record left
// their scope, never write), suspending a membership mid-session.
//
// Who holds what (tests/support/matrix-world.ts): all six preset roles at 牯牛坪社区
// (433101009001); grid_worker and volunteer also at its 第一网格, where they naturally work (a
// grid has no child unit, so their "child" column is empty); a community_admin at 吉凤街道 whose
// subtree holds every target, the positive control of every denial. Targets sit at 吉凤街道,
// 牯牛坪社区, its 第一/第二网格 and 湾溪社区, so each holder sees own / child / sibling / parent.
//
// Every case lands in one ledger; the last test prints the number of cases and leaks and
// asserts there are none, no false denials, and no denial without its positive control.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMoveTricks, runRpcTricks, runSuspension, runTokenTricks } from "../support/matrix-abuse";
import { runRecordCases, runServiceCases } from "../support/matrix-cases";
import { describeCase, MatrixLedger } from "../support/matrix-ledger";
import { runParticipantCases } from "../support/matrix-participants";
import { expectedScope, runFilterTricks, runStorageTricks, TrickJudge } from "../support/matrix-tricks";
import { CODES, HOLDERS, holderLabel, MatrixWorld, TARGET_UNITS } from "../support/matrix-world";

const world = new MatrixWorld();
const ledger = new MatrixLedger();
const unexpected = (who: string, since: number) =>
  ledger.cases
    .slice(since)
    .filter((c) => c.who === who && c.expected !== c.actual)
    .map(describeCase);

beforeAll(() => world.build(), 240_000);
afterAll(() => world.close());

const holder = (label: string) => world.holders.find((h) => h.label === label)!;
const staff = () => holder(holderLabel({ role: "staff", unit: CODES.community }));
const control = () => holder(holderLabel({ role: "community_admin", unit: CODES.street }));

describe("access matrix: role × action × unit", () => {
  it.each(HOLDERS.map(holderLabel))(
    "%s",
    async (label) => {
      const since = ledger.cases.length;
      const h = holder(label);
      await Promise.all(TARGET_UNITS.map((unit) => runRecordCases(world, ledger, h, unit)));
      for (const unit of TARGET_UNITS) await runServiceCases(world, ledger, h, unit);
      expect(unexpected(label, since)).toEqual([]);
    },
    120_000,
  );
});

describe("tricks leak nothing", () => {
  const trickers = [holderLabel({ role: "staff", unit: CODES.community }), holderLabel({ role: "grid_worker", unit: CODES.grid1 })];
  it.each(trickers)(
    "filters, embeds, counts, HEAD and ordering as %s",
    async (label) => {
      const since = ledger.cases.length;
      await runFilterTricks(world, ledger, holder(label));
      expect(unexpected(label, since)).toEqual([]);
    },
    60_000,
  );

  it("Storage's info, signed URLs, listing and public URL follow the record too", async () => {
    const since = ledger.cases.length;
    await runStorageTricks(world, ledger, staff());
    expect(unexpected(staff().label, since)).toEqual([]);
  });

  it("record RPCs on a record out of scope answer as for no record at all", async () => {
    const since = ledger.cases.length;
    // a community administrator may take every one of these RPCs on a record in scope
    const h = holder(holderLabel({ role: "community_admin", unit: CODES.community }));
    const scope = await expectedScope(world, h);
    await runRpcTricks(world, new TrickJudge(ledger, h, scope), h, scope);
    expect(unexpected(h.label, since)).toEqual([]);
  });

  it("anon, forged, expired and service_role-claiming tokens get nothing; the real token does", async () => {
    const since = ledger.cases.length;
    await runTokenTricks(ledger, staff(), await expectedScope(world, staff()));
    expect(
      ledger.cases
        .slice(since)
        .filter((c) => c.expected !== c.actual)
        .map(describeCase),
    ).toEqual([]);
  });

  it("no write moves a record to another unit or around the RPCs", async () => {
    const since = ledger.cases.length;
    await runMoveTricks(world, ledger, staff(), await expectedScope(world, staff()));
    expect(unexpected(staff().label, since)).toEqual([]);
  });

  it("participants read a record that left their scope and never write it; others who never took part see nothing", async () => {
    const since = ledger.cases.length;
    await runParticipantCases(world, ledger);
    expect(
      ledger.cases
        .slice(since)
        .filter((c) => c.expected !== c.actual)
        .map(describeCase),
    ).toEqual([]);
  });

  it("suspending a membership denies the very next request", async () => {
    const since = ledger.cases.length;
    await runSuspension(world, ledger, control());
    expect(
      ledger.cases
        .slice(since)
        .filter((c) => c.expected !== c.actual)
        .map(describeCase),
    ).toEqual([]);
  });
});

describe("access matrix summary", () => {
  it("counts the cases and finds no leak, no false denial and no denial without its positive control", () => {
    const leaks = ledger.leaks();
    const falseDenials = ledger.falseDenials();
    const gaps = ledger.positiveControlGaps();
    const denied = ledger.cases.filter((c) => c.expected === "denied").length;
    console.log(
      `access matrix: ${ledger.cases.length} cases (${denied} expected denials, ${ledger.cases.length - denied} expected allowed); ` +
        `leaks found: ${leaks.length}; false denials: ${falseDenials.length}; denials without a positive control: ${gaps.length}`,
    );
    for (const c of leaks) console.log(`LEAK: ${describeCase(c)}`);
    expect(ledger.cases.length).toBeGreaterThan(1000);
    expect(leaks.map(describeCase)).toEqual([]);
    expect(falseDenials.map(describeCase)).toEqual([]);
    expect(gaps.map(describeCase)).toEqual([]);
  });
});
