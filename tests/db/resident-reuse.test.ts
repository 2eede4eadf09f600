// 一表通 for a returning person (issue 12, typing saved): the registry holds their 户籍
// (hukou_region, hukou_address: checked, in the events' diffs) and fills hukou_address and
// hukou_local (本地户籍: the 户籍 in the county of their grid) where the form sent nothing; a
// field marked `reuse` takes their previous application's answer, and a sensitive one sent back
// as the mask the writer was shown becomes that record's raw answer — only for a writer who reads
// that record (records_link_answer under the writer's RLS). A file field may be marked `reuse`:
// the form copies the previous files into the writer's own uploads (a record still references
// only its writer's uploads), and a mask sent for a file never becomes the previous files. The
// definition check refuses `reuse` where it cannot work, in the database and the browser alike.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { as, createRecord, detailsOf, run, sql, unitId, UNITS } from "../support/engine-fixtures";

const serviceKey = `resident_reuse_${run}`;

/** A valid 18-character ID number of 吉首市, born 1930–1959. */
function uniqueIdNumber(): string {
  const born = `19${randomInt(30, 60)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}`;
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

function definition(key: string, fields: Record<string, unknown>[]) {
  return {
    key,
    name: "沿用上次申请测试",
    category: "测试",
    icon: "UserOutlined",
    description: "户籍预填与沿用上次申请。",
    purpose: "测试沿用。",
    fields,
    list: { columns: ["status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["community_admin"] }],
    },
    permissions: { community_admin: ["read", "create", "update", "view_sensitive"], grid_worker: ["read", "create"] },
  };
}

const fields = [
  { key: "applicant", label: "申请人", type: "resident" },
  { key: "person_name", label: "姓名", type: "text", required: true, prefillFrom: "name" },
  { key: "person_id", label: "身份证号", type: "id_number", required: true, sensitive: true, purpose: "核实身份", prefillFrom: "id_number" },
  { key: "hukou_addr", label: "户籍地址", type: "text", prefillFrom: "hukou_address" },
  { key: "local", label: "户籍所在地", type: "boolean", prefillFrom: "hukou_local" },
  { key: "unit", label: "受理单位", type: "org_unit", required: true, recordUnit: true },
  { key: "employer", label: "工作单位", type: "text", reuse: true },
  { key: "bank", label: "银行账号", type: "text", sensitive: true, purpose: "发放", reuse: true },
  { key: "landlord_phone", label: "房东电话", type: "phone", sensitive: true, purpose: "核实住所", reuse: true },
  { key: "hardship", label: "困难情形", type: "text", sensitive: true, purpose: "审核" },
];

async function publish(def: ReturnType<typeof definition>) {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: def, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  if (created.error) return created;
  return admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
}

/** Registers a person in 牯牛坪's first grid as the community administrator; returns their id and masked ID number. */
async function register(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; id_number: string }> {
  const admin = await as("admin");
  const { data, error } = await admin
    .from("residents")
    .insert({ name, id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(UNITS.guniupingGrid1), ...extra } as never)
    .select("id,id_number")
    .single();
  expect(error).toBeNull();
  return data as { id: string; id_number: string };
}

const rawAnswers = async (recordId: string) =>
  (
    await sql<{ answers: Record<string, unknown> }>("select data || private.sensitive_answers_of(id) as answers from public.records where id = $1", [recordId])
  )[0].answers;

beforeAll(async () => {
  expect((await publish(definition(serviceKey, fields))).error).toBeNull();
});

describe("户籍 in the registry", () => {
  it("allowed: a county or community code and an address are kept, trimmed, and in the event's diff", async () => {
    const person = await register(`户籍${run}`, { hukou_region: " 433101009001 ", hukou_address: "  湖南省吉首市  牯牛坪社区 2组 " });
    const [row] = await sql<{ hukou_region: string; hukou_address: string }>("select hukou_region, hukou_address from public.residents where id = $1", [
      person.id,
    ]);
    expect(row).toEqual({ hukou_region: "433101009001", hukou_address: "湖南省吉首市  牯牛坪社区 2组" });
    const [event] = await sql<{ diff: Record<string, unknown> }>("select diff from public.resident_events where resident_id = $1 and kind = 'created'", [
      person.id,
    ]);
    expect(event.diff).toMatchObject({ hukou_region: [null, "433101009001"], hukou_address: [null, "湖南省吉首市  牯牛坪社区 2组"] });
  });

  it("refused: a region code of another shape, with the rule in 中文 / English, and nothing written", async () => {
    const admin = await as("admin");
    const name = `坏户籍${run}`;
    const { error } = await admin
      .from("residents")
      .insert({ name, id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(UNITS.guniupingGrid1), hukou_region: "4331" } as never);
    expect(error).toMatchObject({ code: "PT400", message: "hukou_region_invalid" });
    expect(error!.hint).toContain("GB/T 2260");
    expect(await sql("select 1 from public.residents where name = $1", [name])).toHaveLength(0);
  });

  it("import_residents takes hukou_region and hukou_address; a bad code is reported on its column and nothing is written", async () => {
    const admin = await as("admin");
    const good = uniqueIdNumber();
    const rows = (region: string) => [
      {
        row: 2,
        values: {
          name: `导入户籍${run}`,
          id_number: good,
          grid_org_unit_id: UNITS.guniupingGrid1,
          hukou_region: "433101",
          hukou_address: "湖南省吉首市某路 3号",
        },
      },
      { row: 3, values: { name: `导入户籍二${run}`, id_number: uniqueIdNumber(), grid_org_unit_id: UNITS.guniupingGrid1, hukou_region: region } },
    ];
    const refused = await admin.rpc("import_residents", { p_batch_id: crypto.randomUUID(), p_rows: rows("43310") });
    expect(refused.error).toBeNull();
    expect(refused.data).toMatchObject({ written: false, errors: [{ row: 3, column: "hukou_region", code: "hukou_region_invalid" }] });
    expect(await sql("select 1 from public.residents where name = $1", [`导入户籍${run}`])).toHaveLength(0);
    const written = await admin.rpc("import_residents", { p_batch_id: crypto.randomUUID(), p_rows: rows("433130") });
    expect(written.data).toMatchObject({ written: true, created: 2, errors: [] });
    expect(await sql("select hukou_region, hukou_address from public.residents where name = $1", [`导入户籍${run}`])).toEqual([
      { hukou_region: "433101", hukou_address: "湖南省吉首市某路 3号" },
    ]);
  });

  it("a record for the person gets their 户籍地址 and 本地户籍 where the form sent nothing; a typed answer stays", async () => {
    const local = await register(`本地${run}`, { hukou_region: "433101", hukou_address: "湖南省吉首市某街 1号" });
    const away = await register(`外地${run}`, { hukou_region: "433130", hukou_address: "湖南省龙山县某街 2号" });
    const vague = await register(`州内${run}`, { hukou_region: "433100" });
    const grid = await as("grid");
    const unit = await unitId(UNITS.guniupingGrid1);
    const file = async (person: { id: string; id_number: string }, extra: Record<string, unknown> = {}) => {
      const { data, error } = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, ...extra });
      expect(error).toBeNull();
      return rawAnswers(data!.id);
    };
    expect(await file(local)).toMatchObject({ hukou_addr: "湖南省吉首市某街 1号", local: true });
    expect(await file(away)).toMatchObject({ hukou_addr: "湖南省龙山县某街 2号", local: false });
    // known only to the prefecture: 本地 cannot be told, so it is left to staff
    expect(await file(vague)).not.toHaveProperty("local");
    expect(await file(away, { local: true, hukou_addr: "已迁入本地" })).toMatchObject({ hukou_addr: "已迁入本地", local: true });
  });
});

describe("reuse: the person's previous application", () => {
  const previousAnswers = { employer: "吉首市某公司", bank: "6222020200112233445", landlord_phone: "13911112222", hardship: "因病致贫" };

  it("allowed: a writer who reads the previous record sends back its masks and gets its raw answers", async () => {
    const person = await register(`沿用${run}`);
    const admin = await as("admin");
    const grid = await as("grid");
    const unit = await unitId(UNITS.guniupingGrid1);
    const first = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, ...previousAnswers });
    expect(first.error).toBeNull();
    // what the grid worker's form reads: the newest record of the service for the person, masked
    const { data: seen } = await grid
      .from("records")
      .select("id,data")
      .eq("service_id", first.data!.service_id)
      .eq("resident_id", person.id)
      .order("created_at", { ascending: false })
      .limit(1);
    expect(seen).toHaveLength(1);
    const shown = seen![0].data as Record<string, string>;
    expect(shown.bank).not.toBe(previousAnswers.bank);
    expect(shown.landlord_phone).toBe("139****2222");
    const second = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number,
      unit,
      employer: shown.employer,
      bank: shown.bank,
      landlord_phone: shown.landlord_phone,
      hardship: shown.hardship, // not a reuse field: its mask is no way to the raw answer
    });
    expect(second.error).toBeNull();
    const stored = await rawAnswers(second.data!.id);
    expect(stored).toMatchObject({ employer: "吉首市某公司", bank: previousAnswers.bank, landlord_phone: previousAnswers.landlord_phone });
    expect(stored.hardship).toBe(shown.hardship);
    // the API shows the new record masked, as any
    expect(second.data!.data.bank).toBe(shown.bank);

    // a value typed over the mask is a new answer
    const third = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number,
      unit,
      bank: "6217000011112222333",
      landlord_phone: shown.landlord_phone,
    });
    expect(third.error).toBeNull();
    expect(await rawAnswers(third.data!.id)).toMatchObject({ bank: "6217000011112222333", landlord_phone: previousAnswers.landlord_phone });
  });

  it("refused: a writer who cannot read the previous record gets nothing from it, even sending its exact masks", async () => {
    const person = await register(`不可见${run}`);
    const admin = await as("admin");
    const grid = await as("grid");
    // filed at the community: the grid worker (第一网格) reads the person but not this record
    const first = await createRecord(admin, serviceKey, UNITS.guniuping, {
      applicant: person.id,
      person_id: person.id_number,
      unit: await unitId(UNITS.guniuping),
      ...previousAnswers,
    });
    expect(first.error).toBeNull();
    expect((await grid.from("records").select("id").eq("id", first.data!.id)).data).toEqual([]);
    expect((await grid.from("residents").select("id").eq("id", person.id)).data).toHaveLength(1);
    const masks = first.data!.data as Record<string, string>;
    const second = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number,
      unit: await unitId(UNITS.guniupingGrid1),
      bank: masks.bank,
    });
    expect(second.error).toBeNull();
    const stored = await rawAnswers(second.data!.id);
    // the mask stays what was sent: the raw account number did not come through
    expect(stored.bank).toBe(masks.bank);
    expect(JSON.stringify(stored)).not.toContain(previousAnswers.bank);
    // a mask that is no valid answer is refused as typed (the phone's), not filled
    const phone = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number,
      unit: await unitId(UNITS.guniupingGrid1),
      landlord_phone: masks.landlord_phone,
    });
    expect(phone.error).toMatchObject({ message: "record_invalid" });
  });
});

describe("the definition check of reuse and the 户籍 attributes", () => {
  it("refused alike by the database and the browser: the resident field, a prefillFrom field, no resident field, a wrong type for hukou_local", async () => {
    const cases: [Record<string, unknown>[], string[]][] = [
      [[{ ...fields[0], reuse: true }, ...fields.slice(1)], ["fields[0].reuse reuse_type"]],
      [[...fields.slice(0, 1), { key: "person_name", label: "姓名", type: "text", prefillFrom: "name", reuse: true }], ["fields[1].reuse reuse_conflict"]],
      [[{ key: "employer", label: "工作单位", type: "text", reuse: true }], ["fields[0].reuse reuse_needs_resident_field"]],
      [[...fields.slice(0, 1), { key: "local", label: "本地", type: "text", prefillFrom: "hukou_local" }], ["fields[1].prefillFrom prefill_type"]],
    ];
    for (const [index, [defFields, expected]] of cases.entries()) {
      const def = definition(`${serviceKey}_bad${index}`, defFields);
      const { error } = await publish(def);
      expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
      const problems = detailsOf(error) as { path: string; code: string; message_zh: string }[];
      expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(expected);
      const browser = parseServiceDefinition(def, fieldTypes);
      expect(browser.ok ? [] : browser.errors.map((e) => `${e.path} ${e.code} ${e.message_zh}`)).toEqual([`${expected[0]} ${problems[0].message_zh}`]);
    }
  });

  it("allowed: the templates' reuse and hukou fields publish (the test service above)", async () => {
    const admin = await as("admin");
    const { data } = await admin.from("services").select("status").eq("key", serviceKey).single();
    expect(data).toMatchObject({ status: "published" });
  });
});

describe("reuse of files: the writer's own copies", () => {
  const BUCKET = "record-attachments";
  const filesKey = `${serviceKey}_files`;
  const fileFields = [
    ...fields,
    { key: "photo", label: "照片", type: "image", accept: ["image/png"], maxCount: 1, reuse: true },
    { key: "scan", label: "证件扫描件", type: "attachment", sensitive: true, purpose: "核实身份", reuse: true },
  ];

  /** Uploads into the user's own folder, as the form does; returns the descriptor a record holds. */
  async function upload(who: "admin" | "grid", bytes: Blob, name: string, mime: string) {
    const client = await as(who);
    const { data: user } = await client.auth.getUser();
    const path = `${user.user!.id}/${crypto.randomUUID()}/${name.replace(/[^\x20-\x7e]/g, "_")}`;
    const { error } = await client.storage.from(BUCKET).upload(path, bytes, { contentType: mime });
    expect(error).toBeNull();
    return { path, name, size: bytes.size, mime };
  }

  it("allowed: reuse on image and attachment fields publishes, as the browser's check agrees", async () => {
    const def = definition(filesKey, fileFields);
    expect(parseServiceDefinition(def, fieldTypes).ok).toBe(true);
    expect((await publish(def)).error).toBeNull();
  });

  it("a reader of the previous record copies its photo into a new upload of their own; the previous reference itself is refused", async () => {
    const person = await register(`照片${run}`);
    const admin = await as("admin");
    const grid = await as("grid");
    const unit = await unitId(UNITS.guniupingGrid1);
    const photo = await upload("admin", new Blob(["png bytes"], { type: "image/png" }), "证件照.png", "image/png");
    const first = await createRecord(admin, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, photo: [photo] });
    expect(first.error).toBeNull();
    // the grid worker reads the record, hence its file (the bucket's policy follows record_attachments)
    const shown = first.data!.data as { photo: { path: string; name: string; mime: string }[] };
    const downloaded = await grid.storage.from(BUCKET).download(shown.photo[0].path);
    expect(downloaded.error).toBeNull();
    // refused: the previous record's reference (admin's upload) in the grid worker's record
    const direct = await createRecord(grid, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, photo: shown.photo });
    expect(direct.error).toMatchObject({ code: "PT400", message: "attachment_not_yours" });
    // allowed: the same bytes uploaded again under the same name and type, as the form copies them
    const copy = await upload("grid", downloaded.data!, shown.photo[0].name, shown.photo[0].mime);
    const second = await createRecord(grid, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, photo: [copy] });
    expect(second.error).toBeNull();
    const links = await sql<{ record_id: string; path: string; owner: string }>(
      `select a.record_id, a.path, o.owner_id as owner from public.record_attachments a join storage.objects o on o.bucket_id = $3 and o.name = a.path
        where a.record_id in ($1, $2) order by a.created_at`,
      [first.data!.id, second.data!.id, BUCKET],
    );
    const gridUser = (await grid.auth.getUser()).data.user!.id;
    const adminUser = (await admin.auth.getUser()).data.user!.id;
    expect(links).toEqual([
      { record_id: first.data!.id, path: photo.path, owner: adminUser },
      { record_id: second.data!.id, path: copy.path, owner: gridUser },
    ]);
    expect(await (await grid.storage.from(BUCKET).download(copy.path)).data!.text()).toBe("png bytes");
  });

  it("refused: a mask sent for a sensitive file field stays a mask, even from the files' own uploader", async () => {
    const person = await register(`扫描件${run}`);
    const admin = await as("admin");
    const unit = await unitId(UNITS.guniupingGrid1);
    const scan = await upload("admin", new Blob(["%PDF scan"], { type: "application/pdf" }), "身份证扫描件.pdf", "application/pdf");
    const first = await createRecord(admin, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, scan: [scan] });
    expect(first.error).toBeNull();
    // a grid worker (no view_sensitive) is shown the mask: nothing to copy
    const { data: seen } = await (await as("grid")).from("records").select("data").eq("id", first.data!.id).single();
    expect((seen!.data as { scan: unknown }).scan).toBe("***");
    // sending the mask back never makes the new record reference the previous record's files
    const masked = await createRecord(admin, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, scan: "***" });
    expect(masked.error).toMatchObject({ message: "record_invalid" });
    // allowed: the uploader's fresh copy
    const copy = await upload("admin", new Blob(["%PDF scan"], { type: "application/pdf" }), "身份证扫描件.pdf", "application/pdf");
    const again = await createRecord(admin, filesKey, UNITS.guniupingGrid1, { applicant: person.id, person_id: person.id_number, unit, scan: [copy] });
    expect(again.error).toBeNull();
    expect((await rawAnswers(again.data!.id)).scan).toEqual([copy]);
  });
});
