// Record attachments in Storage follow their record: the uploader and whoever may read the
// record can download; others cannot; a record cannot adopt a stranger's file.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { as, elderlyCardData, mustCreate, createRecord, sql, UNITS } from "../support/engine-fixtures";

const BUCKET = "record-attachments";

async function upload(who: "admin" | "staff" | "grid" | "leader", text: string) {
  const client = await as(who);
  const { data: user } = await client.auth.getUser();
  const path = `${user.user!.id}/${randomUUID()}/proof.pdf`;
  const { error } = await client.storage.from(BUCKET).upload(path, new Blob([text], { type: "application/pdf" }), { contentType: "application/pdf" });
  expect(error).toBeNull();
  return { path, name: "居住证明.pdf", size: text.length, mime: "application/pdf" };
}

describe("record attachments", () => {
  it("the uploader and readers of the record download it; a user outside the record's scope cannot", async () => {
    const file = await upload("staff", "proof of residence");
    const staff = await as("staff");
    // Before any record references it, only the uploader sees it.
    expect((await (await as("admin")).storage.from(BUCKET).download(file.path)).error).not.toBeNull();
    // filed in grid 2 (its grid answer is the record's unit), outside the grid worker's grid 1
    const record = await mustCreate(staff, "elderly_benefit", UNITS.guniuping, {
      ...(await elderlyCardData(UNITS.guniupingGrid2)),
      hukou_local: false,
      residence_proof: [file],
    });
    expect(record.id).toBeTruthy();
    const byAdmin = await (await as("admin")).storage.from(BUCKET).download(file.path);
    expect(byAdmin.error).toBeNull();
    expect(await byAdmin.data!.text()).toBe("proof of residence");
    const links = await (await as("admin")).from("record_attachments").select("path, name").eq("record_id", record.id).eq("field_key", "residence_proof");
    expect(links.data).toEqual([{ path: file.path, name: "居住证明.pdf" }]);
    // The grid worker's scope is grid 1; a record of grid 2 is outside it.
    const byGrid = await (await as("grid")).storage.from(BUCKET).download(file.path);
    expect(byGrid.error).not.toBeNull();
    const gridLinks = await (await as("grid")).from("record_attachments").select("path").eq("record_id", record.id);
    expect(gridLinks.data).toEqual([]);
  });

  it("a record cannot reference a file someone else uploaded", async () => {
    const strangers = await upload("admin", "admin's private scan");
    const { error } = await createRecord(await as("staff"), "elderly_benefit", UNITS.guniuping, {
      ...(await elderlyCardData()),
      hukou_local: false,
      residence_proof: [strangers],
    });
    expect(error?.message).toBe("attachment_not_yours");
    const own = await upload("staff", "mine");
    const ok = await createRecord(await as("staff"), "elderly_benefit", UNITS.guniuping, {
      ...(await elderlyCardData()),
      hukou_local: false,
      residence_proof: [own],
    });
    expect(ok.error).toBeNull();
  });

  it("an attached file cannot be removed by its uploader; an unattached one can", async () => {
    const attached = await upload("staff", "attached");
    await mustCreate(await as("staff"), "elderly_benefit", UNITS.guniuping, { ...(await elderlyCardData()), hukou_local: false, residence_proof: [attached] });
    const loose = await upload("staff", "loose");
    const staff = await as("staff");
    const removed = await staff.storage.from(BUCKET).remove([attached.path, loose.path]);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((o) => o.name)).toEqual([loose.path]);
    expect((await staff.storage.from(BUCKET).download(attached.path)).error).toBeNull();
  });

  it("a suspended uploader loses the attached file with the record; reactivated, they have it again", async () => {
    const file = await upload("staff", "scan of an ID card");
    await mustCreate(await as("staff"), "elderly_benefit", UNITS.guniuping, { ...(await elderlyCardData()), hukou_local: false, residence_proof: [file] });
    const staff = await as("staff");
    expect((await staff.storage.from(BUCKET).download(file.path)).error).toBeNull();
    const suspend = (status: string) =>
      sql("update public.memberships set status = $1 where user_id = (select id from auth.users where email = 'staff@demo.local')", [status]);
    await suspend("suspended");
    try {
      expect((await staff.storage.from(BUCKET).download(file.path)).error).not.toBeNull();
    } finally {
      await suspend("active");
    }
    expect((await staff.storage.from(BUCKET).download(file.path)).error).toBeNull();
  });
});
