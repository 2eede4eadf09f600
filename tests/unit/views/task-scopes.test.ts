import { describe, expect, it } from "vitest";
import type { PublishedService } from "@/views/hooks/publishedService";
import { taskOrFilter } from "@/data/taskFilter";
import { taskScopes } from "@/views/hooks/taskScopes";
import { template } from "./templates";

function published(id: string, key: "elderly_benefit" | "grid_event"): PublishedService {
  const definition = template(key);
  return {
    id,
    key,
    name: definition.name,
    category: definition.category,
    icon: definition.icon,
    currentVersion: 1,
    indexedFields: {},
    grants: definition.permissions,
    parsed: { ok: true, definition },
  };
}

const services = [published("s-elderly", "elderly_benefit"), published("s-grid", "grid_event")];

describe("taskScopes", () => {
  it("lists, per service, the states a role can move on from", () => {
    expect(taskScopes(services, ["grid_worker"])).toEqual([
      { serviceId: "s-elderly", statuses: ["returned", "accepted", "ready", "suspended"] },
      { serviceId: "s-grid", statuses: ["reported", "grid_handling", "resolved"] },
    ]);
  });

  it("leaves out services where the roles have nothing to do, and broken definitions", () => {
    expect(taskScopes(services, ["leader"])).toEqual([]);
    const broken: PublishedService = { ...services[0], parsed: { ok: false, errors: [] } };
    expect(taskScopes([broken], ["staff"])).toEqual([]);
  });

  it("becomes one PostgREST or=() of (service, states) pairs", () => {
    expect(
      taskOrFilter([
        { serviceId: "a", statuses: ["x", "y"] },
        { serviceId: "b", statuses: ["z"] },
      ]),
    ).toBe("and(service_id.eq.a,status.in.(x,y)),and(service_id.eq.b,status.in.(z))");
  });
});
