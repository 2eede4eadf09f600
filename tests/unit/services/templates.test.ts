import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPresetRole } from "@/contract";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { fieldTypes } from "@/field-types";

const resourcesDir = join(import.meta.dirname, "../../../resources");

/** Every JSON under resources/ is a definition users install; all must pass the same gate. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : entry.name.endsWith(".json") ? [join(dir, entry.name)] : [],
  );
}

const files = jsonFiles(join(resourcesDir, "services"));

function load(file: string): ServiceDefinition {
  const result = parseServiceDefinition(JSON.parse(readFileSync(file, "utf8")), fieldTypes);
  if (!result.ok) throw new Error(`${file}:\n${result.errors.map((e) => `${e.path}: ${e.message_en}`).join("\n")}`);
  return result.definition;
}

/** The gallery's ten services (domain.md §7); the demo seed installs four of them. */
const galleryKeys = [
  "disability_service",
  "elderly_benefit",
  "grid_event",
  "hotline_order",
  "migrant_registration",
  "resident_proposal",
  "social_assistance",
  "veteran_card",
  "visit_campaign",
  "volunteer_activity",
];

describe("built-in templates", () => {
  it("are exactly the ten services of the gallery", () => {
    expect(files.map((f) => f.split("/").pop()).sort()).toEqual(galleryKeys.map((key) => `${key}.json`));
  });

  describe.each(files.map((file) => ({ file, name: file.split("/").pop() ?? file })))("$name", ({ file, name }) => {
    it("passes parseServiceDefinition", () => {
      expect(() => load(file)).not.toThrow();
    });

    it("has no warning: English for every text, no unreachable state, no dead end", () => {
      const result = parseServiceDefinition(JSON.parse(readFileSync(file, "utf8")), fieldTypes);
      expect(result.ok && result.warnings?.map((w) => `${w.path}: ${w.message_en}`)).toEqual([]);
    });

    it("is named after its key", () => {
      expect(`${load(file).key}.json`).toBe(name);
    });

    it("explains itself in Chinese and states its purpose", () => {
      const definition = load(file);
      expect(definition.description).toMatch(/[\u4e00-\u9fff]{10,}/);
      expect(definition.purpose).toMatch(/[\u4e00-\u9fff]/);
    });

    it("marks ID numbers and phones as sensitive, each with a purpose", () => {
      const definition = load(file);
      const personal = definition.fields.filter((f) => f.type === "id_number" || f.type === "phone");
      expect(personal.length).toBeGreaterThan(0);
      for (const field of personal)
        expect({ key: field.key, sensitive: field.sensitive, hasPurpose: Boolean(field.purpose) }).toEqual({
          key: field.key,
          sensitive: true,
          hasPurpose: true,
        });
    });

    it("uses only preset roles, so it works on a fresh installation", () => {
      const definition = load(file);
      const roles = [...Object.keys(definition.permissions), ...definition.workflow.transitions.flatMap((t) => t.roles)];
      expect(roles.filter((role) => !isPresetRole(role))).toEqual([]);
    });

    it("gives every non-terminal state a way out and colours every state", () => {
      const definition = load(file);
      for (const state of definition.workflow.states.filter((s) => !s.terminal)) {
        const leaves = definition.workflow.transitions.some((t) => t.from.includes(state.key));
        expect({ state: state.key, leaves }).toEqual({ state: state.key, leaves: true });
      }
    });

    it("reaches every state from the initial one", () => {
      const { workflow } = load(file);
      const reached = new Set([workflow.initial]);
      for (let grew = true; grew;) {
        grew = false;
        for (const t of workflow.transitions) {
          if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
            reached.add(t.to);
            grew = true;
          }
        }
      }
      expect(workflow.states.map((s) => s.key).filter((s) => !reached.has(s))).toEqual([]);
    });

    it("lets leaders read and shows a dashboard", () => {
      const definition = load(file);
      expect(definition.permissions.leader).toContain("read");
      expect(definition.permissions.leader).not.toContain("view_sensitive");
      expect(definition.dashboard.widgets.length).toBeGreaterThanOrEqual(4);
    });
  });

  it("verify originals offline where the service needs paper (线下核验)", () => {
    const checklists = (key: string) =>
      load(join(resourcesDir, "services", `${key}.json`))
        .workflow.transitions.flatMap((t) => t.checklist.map((c) => c.label))
        .join(" ");
    expect(checklists("elderly_benefit")).toMatch(/身份证原件/);
    expect(checklists("elderly_benefit")).toMatch(/户口簿/);
    expect(checklists("veteran_card")).toMatch(/退伍证/);
  });

  it("grid events escalate 网格 → 社区 → 街道", () => {
    const { workflow } = load(join(resourcesDir, "services", "grid_event.json"));
    const escalations = workflow.transitions.filter((t) => t.escalate).map((t) => `${t.from.join("|")}→${t.to}`);
    expect(escalations).toEqual([
      "grid_handling→community_handling",
      "community_handling→resolved",
      "community_handling→street_handling",
      "street_handling→resolved",
    ]);
    // what the community or the street settled goes back to the grid, where the grid worker checks it on site
    const back = workflow.transitions.filter((t) => typeof t.escalate === "object" && t.escalate.to === "origin").map((t) => t.key);
    expect(back).toEqual(["community_resolve", "departments_resolve"]);
    expect(workflow.transitions.find((t) => t.key === "verify_and_close")?.roles).toEqual(["grid_worker"]);
  });
  describe("follow the real procedure (domain.md §2, §7)", () => {
    const template = (key: string) => load(join(resourcesDir, "services", `${key}.json`));
    const stateOf = (definition: ServiceDefinition, key: string) => definition.workflow.states.find((s) => s.key === key);
    const step = (definition: ServiceDefinition, key: string) => {
      const found = definition.workflow.transitions.find((t) => t.key === key);
      if (!found) throw new Error(`${definition.key}: no transition ${key}`);
      return found;
    };
    const checklistText = (definition: ServiceDefinition, key: string) =>
      step(definition, key)
        .checklist.map((c) => c.label)
        .join(" ");

    it("social_assistance: the street accepts, investigates in 15 working days, publishes 7 days and decides within working days", () => {
      const d = template("social_assistance");
      expect(step(d, "forward_to_street").escalate).toEqual({ to: "level", level: "street" });
      expect(checklistText(d, "forward_to_street")).toMatch(/授权书/);
      expect(stateOf(d, "investigating")?.timeLimit).toEqual({ workdays: 15 });
      expect(stateOf(d, "publicity")?.timeLimit).toEqual({ hours: 168 });
      // 审核确认 by the street, held to working days, and the result goes back to the community
      expect(step(d, "publicity_passed").to).toBe("street_confirming");
      expect(stateOf(d, "street_confirming")?.timeLimit).toEqual({ workdays: 10 });
      expect(step(d, "confirm")).toMatchObject({ from: ["street_confirming"], escalate: { to: "origin" } });
      expect(step(d, "refuse").requireComment).toBe(true);
      // 急难型: paid first, documents due within 10 working days
      expect(step(d, "pay_first").when).toEqual({ field: "assistance_type", op: "eq", value: "emergency" });
      expect(stateOf(d, "paid_first")?.timeLimit).toEqual({ workdays: 10 });
      // the notice never shows ID numbers or accounts
      expect(checklistText(d, "finish_investigation")).toMatch(/不含身份证号、账号/);
      for (const key of ["members", "household_income", "bank_account", "hardship"]) expect(d.fields.find((f) => f.key === key)?.sensitive).toBe(true);
    });

    it("veteran_card: the station checks the discharge certificate, ID card and household register, the county reviews, 30 working days after the first review", () => {
      const d = template("veteran_card");
      const originals = checklistText(d, "station_check");
      for (const original of ["退伍证", "身份证原件", "户口簿原件", "352×440"]) expect(originals).toContain(original);
      expect(step(d, "station_check").escalate).toEqual({ to: "level", level: "county" });
      const afterFirstReview = ["county_reviewed", "city_reviewed"].map((key) => stateOf(d, key)?.timeLimit);
      expect(afterFirstReview).toEqual([{ workdays: 15 }, { workdays: 15 }]);
    });

    it("elderly_benefit: the street approves the card; the allowance is published 7 days and approved by the county", () => {
      const d = template("elderly_benefit");
      expect(step(d, "community_approve").escalate).toEqual({ to: "level", level: "street" });
      expect(step(d, "street_approve").when).toEqual({ field: "benefit_type", op: "eq", value: "card" });
      expect(stateOf(d, "publicity")?.timeLimit).toEqual({ hours: 168 });
      expect(step(d, "publicity_passed")).toMatchObject({ to: "county_review", escalate: { to: "level", level: "county" } });
      expect(step(d, "county_approve").escalate).toEqual({ to: "origin" });
      expect(step(d, "resume_payment").from).toEqual(["suspended"]);
    });

    it("disability_service: street federation first review, hospital assessment for new certificates, county decision, 20-character certificate number", () => {
      const d = template("disability_service");
      expect(step(d, "verify_and_forward").escalate).toEqual({ to: "level", level: "street" });
      expect(checklistText(d, "verify_and_forward")).toMatch(/身份证原件.*户口簿原件.*原残疾人证/);
      expect(step(d, "send_to_assessment").when).toEqual({ field: "service", op: "in", value: ["new", "change"] });
      expect(step(d, "record_assessment")).toMatchObject({
        requireFields: ["assessment_form", "category", "grade"],
        escalate: { to: "level", level: "county" },
      });
      const pattern = new RegExp(String(d.fields.find((f) => f.key === "cert_no")?.pattern));
      expect(["43310119500101002X42", "43310119500101002X42B1"].map((no) => pattern.test(no))).toEqual([true, true]);
      expect(["43310119500101002X82", "43310119500101002X45"].map((no) => pattern.test(no))).toEqual([false, false]);
      for (const key of ["category", "grade", "on_dibao", "subsidy_account"]) expect(d.fields.find((f) => f.key === key)?.sensitive).toBe(true);
    });

    it("migrant_registration: verified and reported within 3 working days, permit issued within 15 days", () => {
      const d = template("migrant_registration");
      expect(stateOf(d, "reported")?.timeLimit).toEqual({ workdays: 3 });
      expect(checklistText(d, "verify_and_report")).toMatch(/身份证原件.*租赁合同/);
      expect(step(d, "assist_permit").when).toEqual({ field: "intends_permit", op: "eq", value: true });
      expect(checklistText(d, "assist_permit")).toMatch(/半年/);
      expect(stateOf(d, "permit_applying")?.timeLimit).toEqual({ hours: 360 });
    });

    it("hotline_order: 2 h urgent, 24 h utilities, 5 working days general, 15 days complex; extension ≤ 10 working days", () => {
      const d = template("hotline_order");
      expect(stateOf(d, "handling")?.timeLimit).toMatchObject({
        byField: "urgency",
        values: { urgent: { hours: 2 }, utilities: { hours: 24 }, general: { workdays: 5 }, complex: { hours: 360 } },
      });
      expect(stateOf(d, "extended")?.timeLimit).toEqual({ workdays: 10 });
      expect(d.fields.find((f) => f.key === "extension_days")?.max).toBe(10);
      expect(checklistText(d, "return_order")).toMatch(/2 个工作日/);
      expect(step(d, "reply").escalate).toEqual({ to: "origin" });
    });

    it("visit_campaign: visits by risk (24 h after an event, weekly, monthly, quarterly), out-of-home follow-up the same day", () => {
      const d = template("visit_campaign");
      expect(stateOf(d, "assigned")?.timeLimit).toEqual({
        byField: "risk_level",
        values: { urgent: { hours: 24 }, high: { hours: 168 }, key: { hours: 720 }, general: { hours: 2160 } },
      });
      expect(stateOf(d, "not_home")?.timeLimit).toEqual({ hours: 24 });
      expect(step(d, "record_visit").roles).toEqual(expect.arrayContaining(["grid_worker", "volunteer"]));
    });

    it("volunteer_activity: hours confirmed by the community within 7 days from the sign-in records", () => {
      const d = template("volunteer_activity");
      expect(stateOf(d, "confirming")?.timeLimit).toEqual({ hours: 168 });
      expect(step(d, "confirm_hours")).toMatchObject({ requireFields: ["participants"] });
      expect(checklistText(d, "confirm_hours")).toMatch(/签到签退/);
    });

    it("resident_proposal: a response within 7 days; the council votes, the community admin records it", () => {
      const d = template("resident_proposal");
      expect(stateOf(d, "submitted")?.timeLimit).toEqual({ hours: 168 });
      for (const key of ["put_on_agenda", "vote_passed", "vote_failed"]) expect(step(d, key).roles).toEqual(["community_admin"]);
      expect(checklistText(d, "vote_passed")).toMatch(/一半/);
    });
  });
});
