// A person registered from a record's answers (issue 12, items 7 and 8: importing records,
// linking existing ones) takes what the definition maps into the registry — name, phone,
// address, codes, and 户籍地址 (prefillFrom hukou_address, e.g. 流动人口登记's 户籍地址) —
// and a person already registered is found, not changed.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { sql, unitId, UNITS } from "../support/engine-fixtures";

function uniqueIdNumber(): string {
  const first17 = `433101${1960 + randomInt(0, 30)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

const fields = { name: "n", id_number: "i", address: "a", hukou_address: "h" };

async function register(answers: Record<string, string>): Promise<string | null> {
  const grid = await unitId(UNITS.guniupingGrid1);
  const [{ id }] = await sql<{ id: string | null }>("select private.import_record_resident('{}'::jsonb, $1::jsonb, $2::jsonb, $3, array[$3]::uuid[]) as id", [
    JSON.stringify(fields),
    JSON.stringify(answers),
    grid,
  ]);
  return id;
}

describe("registering a person from a record's answers", () => {
  it("takes the mapped 户籍地址 with the address, and finds rather than changes a registered person", async () => {
    const idNumber = uniqueIdNumber();
    const id = await register({ n: "户籍测试", i: idNumber, a: "吉首市吉凤街道牯牛坪社区 1组 1号", h: " 湖南省凤凰县沱江镇 虹桥路 8号 " });
    expect(id).not.toBeNull();
    const [person] = await sql<{ address: string; hukou_address: string }>("select address, hukou_address from public.residents where id = $1", [id]);
    expect(person).toEqual({ address: "吉首市吉凤街道牯牛坪社区 1组 1号", hukou_address: "湖南省凤凰县沱江镇 虹桥路 8号" });

    const again = await register({ n: "户籍测试", i: idNumber, a: "别处", h: "别处户籍" });
    expect(again).toBe(id);
    const [unchanged] = await sql<{ hukou_address: string }>("select hukou_address from public.residents where id = $1", [id]);
    expect(unchanged.hukou_address).toBe("湖南省凤凰县沱江镇 虹桥路 8号");
  });
});
