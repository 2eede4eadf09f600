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

describe("built-in templates", () => {
  it("include the three first templates", () => {
    expect(files.map((f) => f.split("/").pop()).sort()).toEqual(expect.arrayContaining(["elderly_benefit.json", "grid_event.json", "veteran_card.json"]));
  });

  describe.each(files.map((file) => ({ file, name: file.split("/").pop() ?? file })))("$name", ({ file, name }) => {
    it("passes parseServiceDefinition", () => {
      expect(() => load(file)).not.toThrow();
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
});
