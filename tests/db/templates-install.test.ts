// The template gallery's ten services (resources/services, domain.md §7) are accepted by the
// database as they are written and as the app parses them, install and publish through
// private.install_service_template, and a community administrator can take one from the
// gallery, publish it for their community and file a record. Everything happens in
// transactions that are rolled back: the demo data keeps exactly the services the seed installs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { sql, UNITS } from "../support/engine-fixtures";

const templatesDir = join(import.meta.dirname, "../../resources/services");
const files = readdirSync(templatesDir)
  .filter((name) => name.endsWith(".json"))
  .sort();
const raw = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(templatesDir, file), "utf8"));

function parsed(file: string): ServiceDefinition {
  const result = parseServiceDefinition(raw(file), fieldTypes);
  if (!result.ok) throw new Error(`${file}: ${result.errors.map((e) => `${e.path} ${e.message_en}`).join("; ")}`);
  return result.definition;
}

/** One connection of its own, so begin … rollback wraps every statement of a test. */
const client = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

async function rolledBack<T>(work: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    return await work();
  } finally {
    await client.query("rollback");
  }
}

const errorsOf = async (definition: unknown) =>
  (await sql<{ errors: { path: string; code: string }[] }>("select private.check_service_definition($1::jsonb) as errors", [JSON.stringify(definition)]))[0]
    .errors;

describe("the gallery's templates in the database", () => {
  it("are the ten of the gallery", () => {
    expect(files).toHaveLength(10);
  });

  it.each(files)("%s passes private.check_service_definition as written and as parsed", async (file) => {
    expect(await errorsOf(raw(file))).toEqual([]);
    expect(await errorsOf(parsed(file))).toEqual([]);
  });

  it("a broken template is refused by install_service_template with the path named, and nothing is installed", async () => {
    const broken = { ...parsed("volunteer_activity.json"), key: "broken_gallery_copy" };
    broken.workflow = {
      ...broken.workflow,
      transitions: [...broken.workflow.transitions, { ...broken.workflow.transitions[0], key: "nowhere", to: "missing" }],
    };
    await rolledBack(async () => {
      await expect(
        client.query("select private.install_service_template($1::jsonb, (select id from public.org_units where code = '433100'))", [JSON.stringify(broken)]),
      ).rejects.toMatchObject({ message: "definition_invalid", hint: expect.stringContaining("workflow.transitions[5].to") });
    });
    expect(await sql("select 1 from public.services where key = 'broken_gallery_copy'")).toEqual([]);
  });

  it("install and publish every one, owned by the prefecture; rolled back, the demo keeps only the seeded four", async () => {
    const installed = await rolledBack(async () => {
      for (const file of files) {
        await client.query("select private.install_service_template($1::jsonb, (select id from public.org_units where code = '433100'))", [
          JSON.stringify(parsed(file)),
        ]);
      }
      const { rows } = await client.query<{ key: string; status: string; version: number }>(
        `select s.key, s.status, v.version from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
          where s.key = any ($1) order by s.key`,
        [files.map((file) => file.replace(/\.json$/, ""))],
      );
      return rows;
    });
    expect(installed.map((row) => row.key)).toEqual(files.map((file) => file.replace(/\.json$/, "")));
    expect(installed.every((row) => row.status === "published" && row.version >= 1)).toBe(true);
    const after = await sql<{ key: string }>("select key from public.services where key = any ($1) order by key", [
      files.map((file) => file.replace(/\.json$/, "")),
    ]);
    expect(after.map((row) => row.key)).toEqual(["elderly_benefit", "grid_event", "resident_proposal", "veteran_card"]);
  });

  it("a community administrator installs 志愿者活动 for their community, publishes it and files a record; staff may not install it", async () => {
    const definition = parsed("volunteer_activity.json");
    const [{ id: community }] = await sql<{ id: string }>("select id from public.org_units where code = $1", [UNITS.guniuping]);
    const as = async (email: string) => {
      const { rows } = await client.query<{ id: string }>("select id from auth.users where email = $1", [email]);
      await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: rows[0].id, role: "authenticated" })]);
      await client.query("set local role authenticated");
    };
    const record = await rolledBack(async () => {
      await as("admin@demo.local");
      const { rows: created } = await client.query<{ id: string }>("select (public.create_service($1::jsonb, $2)).id", [JSON.stringify(definition), community]);
      await client.query("select public.publish_service($1, null, 1)", [created[0].id]);
      const { rows } = await client.query<{ status: string; data: Record<string, unknown> }>(
        "insert into public.records (service_id, org_unit_id, data) values ($1, $2, $3::jsonb) returning status, data",
        [
          created[0].id,
          community,
          JSON.stringify({
            title: "助老理发志愿服务",
            service_type: "elderly_disabled",
            start_at: "2026-12-05T09:00:00+08:00",
            end_at: "2026-12-05T11:30:00+08:00",
            place: "牯牛坪社区党群服务中心",
            community,
            quota: 8,
            content: "为辖区高龄老人免费理发，志愿者需自带工具。",
          }),
        ],
      );
      return rows[0];
    });
    expect(record).toMatchObject({ status: "planned", data: expect.objectContaining({ title: "助老理发志愿服务", hours_cap: 2 }) });

    await rolledBack(async () => {
      await as("staff@demo.local");
      await expect(client.query("select public.create_service($1::jsonb, $2)", [JSON.stringify(definition), community])).rejects.toMatchObject({
        message: "service_forbidden",
      });
    });
    expect(await sql("select 1 from public.services where key = 'volunteer_activity'")).toEqual([]);
  });
});
