// "→ 3 人" per transition: one count_transition_actors call per distinct set of roles at the
// sample unit (a few calls; cached, so editing a label asks nothing again). A role's count comes
// from any call that asked for it; a transition's from its own set (people holding two of its
// roles count once).
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { countTransitionActors } from "@/data/transitionActors";
import { transitionsOf, type DraftWorkflow } from "./workflowTypes";

export interface TransitionPeople {
  rolePeople: Map<string, number>;
  transitionPeople: Map<string, number>;
  /** a refusal or failure, to show instead of counts */
  error: unknown;
  isLoading: boolean;
}

const setKey = (roles: readonly string[]) => [...new Set(roles)].sort().join(",");

export function useTransitionPeople(workflow: DraftWorkflow, unitId: string | undefined): TransitionPeople {
  const roleSets = useMemo(() => {
    const sets = new Map<string, string[]>();
    for (const transition of transitionsOf(workflow)) {
      if (transition.roles.length > 0) sets.set(setKey(transition.roles), [...new Set(transition.roles)].sort());
    }
    return [...sets.entries()];
  }, [workflow]);

  const results = useQueries({
    queries: roleSets.map(([key, roles]) => ({
      queryKey: ["count_transition_actors", unitId, key],
      queryFn: () => countTransitionActors(unitId!, roles),
      enabled: unitId !== undefined,
      staleTime: 5 * 60_000,
    })),
  });

  // a few small maps: rebuilt on each render rather than memoised on an array of results
  const rolePeople = new Map<string, number>();
  const bySet = new Map<string, number>();
  roleSets.forEach(([key], i) => {
    const data = results[i]?.data;
    if (!data) return;
    bySet.set(key, data.total);
    for (const [role, people] of data.perRole) rolePeople.set(role, people);
  });
  const transitionPeople = new Map<string, number>();
  for (const transition of transitionsOf(workflow)) {
    const people = bySet.get(setKey(transition.roles));
    if (people !== undefined) transitionPeople.set(transition.key, people);
  }
  return {
    rolePeople,
    transitionPeople,
    error: results.find((result) => result.error)?.error ?? null,
    isLoading: results.some((result) => result.isLoading),
  };
}
