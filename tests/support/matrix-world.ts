// The access matrix's world: one person per preset role at 牯牛坪社区, the grid-level roles
// (grid_worker, volunteer) also at its 第一网格 where they naturally work, and a community
// administrator at 吉凤街道 whose subtree holds every target, so each denial has an allowed
// case on the same object. Target records of every built-in service at five units around
// 牯牛坪 (the street above, the community, its two grids, the sibling community 湾溪).
//
// The expected answers come from here, computed independently of the database's helpers:
// the grants are read as rows from service_role_grants, the tree from org_units.parent_id,
// the transitions from the frozen definitions; "inside" is a walk up the parent chain.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { TestWorld, run, type TestPerson } from "./access-fixtures.ts";
import { rest, rowsOf } from "./matrix-api.ts";

export const BUCKET = "record-attachments";
export const SERVICE_KEYS = ["elderly_benefit", "veteran_card", "grid_event"] as const;
export type ServiceKey = (typeof SERVICE_KEYS)[number];
export const WRITE_ACTIONS = ["update", "delete", "transition"] as const;

export const CODES = {
  street: "433101009", // 吉凤街道
  community: "433101009001", // 牯牛坪社区
  grid1: "433101009001001", // 牯牛坪 第一网格
  grid2: "433101009001002", // 牯牛坪 第二网格
  sibling: "433101009002", // 湾溪社区
} as const;
export const TARGET_UNITS = [CODES.street, CODES.community, CODES.grid1, CODES.grid2, CODES.sibling];
export const UNIT_NAMES: Record<string, string> = {
  [CODES.street]: "吉凤街道",
  [CODES.community]: "牯牛坪社区",
  [CODES.grid1]: "牯牛坪第一网格",
  [CODES.grid2]: "牯牛坪第二网格",
  [CODES.sibling]: "湾溪社区",
};
export const holderLabel = (h: { role: string; unit: string }) => `${h.role}@${UNIT_NAMES[h.unit]}`;

export const HOLDERS = [
  ...(["system_admin", "community_admin", "staff", "grid_worker", "leader", "volunteer"] as const).map((role) => ({ role, unit: CODES.community })),
  { role: "grid_worker", unit: CODES.grid1 },
  { role: "volunteer", unit: CODES.grid1 },
  { role: "community_admin", unit: CODES.street },
] as const;

const pool = new pg.Pool({ connectionString: process.env.SUPABASE_DB_URL, max: 2 });
export const sql = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await pool.query<T>(text, params)).rows;

type Unit = { id: string; code: string; name: string; parent_id: string | null };

export class OrgTree {
  readonly byCode = new Map<string, Unit>();
  readonly byId = new Map<string, Unit>();
  constructor(units: Unit[]) {
    for (const u of units) {
      this.byCode.set(u.code, u);
      this.byId.set(u.id, u);
    }
  }
  id(code: string): string {
    return this.byCode.get(code)!.id;
  }
  ancestorsOf(id: string): string[] {
    const chain: string[] = [];
    for (let u = this.byId.get(id); u?.parent_id; u = this.byId.get(u.parent_id)) chain.push(u.parent_id);
    return chain;
  }
  /** Is `target` the holder's unit or below it? */
  inside(targetId: string, holderId: string): boolean {
    return targetId === holderId || this.ancestorsOf(targetId).includes(holderId);
  }
  relation(holderId: string, targetId: string): string {
    if (holderId === targetId) return "own";
    const up = this.ancestorsOf(targetId);
    if (up[0] === holderId) return "child";
    if (up.includes(holderId)) return "descendant";
    const holderUp = this.ancestorsOf(holderId);
    if (holderUp[0] === targetId) return "parent";
    if (holderUp.includes(targetId)) return "ancestor";
    if (up[0] === holderUp[0]) return "sibling";
    return "other branch";
  }
}

export type Service = { key: ServiceKey; id: string; definition: Definition };
type Definition = { key: string; workflow: { initial: string; transitions: Transition[] }; [k: string]: unknown };
type Transition = { key: string; from: string[]; roles: string[]; requireFields?: string[]; checklist?: { key: string }[] };

/** The transition the matrix takes from the initial state: no required fields, the most roles. */
export function matrixTransition(definition: Definition): Transition {
  const candidates = definition.workflow.transitions.filter((t) => t.from.includes(definition.workflow.initial) && !t.requireFields?.length);
  return candidates.reduce((best, t) => (t.roles.length > best.roles.length ? t : best));
}

export type Holder = TestPerson & { label: string; role: string; unitId: string; token: string; membershipId: string };
export type TargetRecord = { id: string; unitCode: string; service: ServiceKey; data: Record<string, unknown>; file?: { path: string; content: string } };

const ID_NUMBER = "433101194503150020";

/** Valid answers for a new record; `marker` lands in a free-text field so rows can be found again. */
export function answers(service: ServiceKey, unitId: string, marker: string, file: Record<string, unknown>): Record<string, unknown> {
  if (service === "elderly_benefit") {
    return {
      benefit_type: "card",
      applicant_name: "彭秀英",
      applicant_id_number: ID_NUMBER,
      age: 80,
      applicant_phone: "13907431234",
      grid: unitId,
      address: "吉凤街道牯牛坪社区 3组 12号",
      hukou_local: true,
      photo: [file],
      remarks: marker,
    };
  }
  if (service === "veteran_card") {
    return {
      card_type: "veteran",
      applicant_name: "田建国",
      applicant_id_number: ID_NUMBER,
      applicant_phone: "13907435678",
      community: unitId,
      archive_registered: true,
      service_branch: "pla",
      discharge_date: "1968-10-01",
      bank: "icbc",
      photo: [file],
      remarks: marker,
    };
  }
  return {
    category: "sanitation",
    title: marker,
    description: "楼道堆放杂物堵塞消防通道，需要清理。",
    photos: [file],
    address: "和美家园 3栋2单元",
    grid: unitId,
    urgency: "yellow",
  };
}

export const markerOf = (service: ServiceKey, data: Record<string, unknown>) => String(service === "grid_event" ? data.title : data.remarks);

export class MatrixWorld {
  readonly people = new TestWorld();
  tree!: OrgTree;
  services = new Map<ServiceKey, Service>();
  grants = new Set<string>();
  holders: Holder[] = [];
  clerk!: Holder;
  /** `${unitCode}/${service}` → a record with an attached, uploaded file */
  readTargets = new Map<string, TargetRecord>();
  /** `${holder}/${unitCode}/${service}/${action}` → a fresh record for one write */
  writeTargets = new Map<string, TargetRecord>();
  /** `${holder}/${unitCode}` → an unpublished service owned by the unit, for publish_service */
  drafts = new Map<string, { id: string; key: string }>();
  private markers = 0;

  marker(): string {
    this.markers += 1;
    return `矩阵${run}-${this.markers}`;
  }

  may(role: string, service: ServiceKey, action: string): boolean {
    return this.mayOn(role, this.services.get(service)!.id, action);
  }

  mayOn(role: string, serviceId: string, action: string): boolean {
    return this.grants.has(`${serviceId}|${role}|${action}`);
  }

  /** A definition publish_service accepts for the draft with this key. */
  publishable(key: string): Definition {
    return { ...this.services.get("grid_event")!.definition, key, name: `矩阵测试服务 ${key}` };
  }

  async build(): Promise<void> {
    this.tree = new OrgTree(await sql<Unit>("select id, code, name, parent_id from public.org_units"));
    for (const r of await sql<{ key: ServiceKey; id: string; definition: Definition }>(
      `select s.key, s.id, v.definition from public.services s
         join public.service_versions v on v.service_id = s.id and v.version = s.current_version where s.key = any($1)`,
      [SERVICE_KEYS],
    ))
      this.services.set(r.key, r);
    for (const g of await sql<{ service_id: string; role_key: string; action: string }>(
      "select service_id, role_key, action from public.service_role_grants",
    )) {
      this.grants.add(`${g.service_id}|${g.role_key}|${g.action}`);
    }
    this.clerk = await this.holder("staff", CODES.street, "clerk");
    for (const h of HOLDERS) this.holders.push(await this.holder(h.role, h.unit));
    await this.makeReadTargets();
    await this.makeWriteTargets();
    await this.makeDrafts();
  }

  async holder(role: string, unitCode: string, label?: string): Promise<Holder> {
    const person = await this.people.person(label?.replace(/\W+/g, "-") ?? `${role}-${unitCode}`, { role, unitCode });
    const session = (await person.client.auth.getSession()).data.session!;
    const [membership] = await sql<{ id: string }>("select id from public.memberships where user_id = $1", [person.id]);
    return {
      ...person,
      label: label ?? holderLabel({ role, unit: unitCode }),
      role,
      unitId: this.tree.id(unitCode),
      token: session.access_token,
      membershipId: membership.id,
    };
  }

  /** Creates records through the API as `token`, in one request, matched back to `rows` by their marker. */
  async insertAs(token: string, unitCode: string, rows: { service: ServiceKey; data: Record<string, unknown> }[]): Promise<TargetRecord[]> {
    const reply = await rest(token, "/records?select=id,data", {
      method: "POST",
      headers: { prefer: "return=representation" },
      body: rows.map((r) => ({ service_id: this.services.get(r.service)!.id, org_unit_id: this.tree.id(unitCode), data: r.data })),
    });
    if (reply.status !== 201) throw new Error(`clerk could not create targets at ${unitCode}: ${reply.text}`);
    const created = rowsOf<{ id: string; data: Record<string, unknown> }>(reply);
    return rows.map((r) => {
      const match = created.find((c) => markerOf(r.service, c.data) === markerOf(r.service, r.data))!;
      return { id: match.id, unitCode, service: r.service, data: r.data };
    });
  }

  private async makeReadTargets(): Promise<void> {
    for (const unitCode of TARGET_UNITS) {
      for (const service of SERVICE_KEYS) {
        const content = `matrix file ${run} ${unitCode} ${service}`;
        const path = `${this.clerk.id}/${randomUUID()}/photo.jpg`;
        const uploaded = await this.clerk.client.storage.from(BUCKET).upload(path, new Blob([content], { type: "image/jpeg" }), { contentType: "image/jpeg" });
        if (uploaded.error) throw uploaded.error;
        const file = { path, name: "现场.jpg", size: content.length, mime: "image/jpeg" };
        const [target] = await this.insertAs(this.clerk.token, unitCode, [{ service, data: answers(service, this.tree.id(unitCode), this.marker(), file) }]);
        this.readTargets.set(`${unitCode}/${service}`, { ...target, file: { path, content } });
      }
    }
  }

  private async makeWriteTargets(): Promise<void> {
    const placeholder = { path: `matrix/${run}/none.jpg`, name: "现场.jpg", size: 30000, mime: "image/jpeg" };
    for (const unitCode of TARGET_UNITS) {
      const keys: string[] = [];
      const rows: { service: ServiceKey; data: Record<string, unknown> }[] = [];
      for (const h of this.holders) {
        for (const service of SERVICE_KEYS) {
          for (const action of WRITE_ACTIONS) {
            keys.push(`${h.label}/${unitCode}/${service}/${action}`);
            rows.push({ service, data: answers(service, this.tree.id(unitCode), this.marker(), placeholder) });
          }
        }
      }
      const created = await this.insertAs(this.clerk.token, unitCode, rows);
      created.forEach((record, i) => this.writeTargets.set(keys[i], record));
    }
  }

  private async makeDrafts(): Promise<void> {
    for (const h of this.holders) {
      for (const unitCode of TARGET_UNITS) {
        const key = `mx_${run}_${this.drafts.size}`;
        const [row] = await sql<{ id: string }>("insert into public.services (key, name, owner_org_unit_id, draft) values ($1, $2, $3, $4) returning id", [
          key,
          `矩阵测试服务 ${key}`,
          this.tree.id(unitCode),
          this.publishable(key),
        ]);
        this.drafts.set(`${h.label}/${unitCode}`, { id: row.id, key });
      }
    }
  }

  /** Removes the people; soft-deletes the records and archives the services this run made, so later tests and the e2e journeys on the same stack see the demo data. */
  async close(): Promise<void> {
    await this.people.cleanup();
    const client = await pool.connect();
    try {
      await client.query("begin");
      // the engine's import mode: the only way past the guard on direct writes
      await client.query("select set_config('app.record_write', 'import', true)");
      await client.query("update public.records set deleted_at = now() where deleted_at is null and coalesce(data ->> 'remarks', data ->> 'title') like $1", [
        `矩阵${run}-%`,
      ]);
      await client.query("update public.services set status = 'archived' where key like $1 or key like $2", [`mx\\_${run}\\_%`, `nmx\\_${run}\\_%`]);
      await client.query("commit");
    } finally {
      client.release();
      await pool.end();
    }
  }
}
