// Where the generated records stand in their workflows: for each built-in service, how likely
// each state is for a record filed in the last 60 days ("recent") and for an older one ("old"),
// and how far up the tree the state's workflow has moved the record (0 = still at its grid,
// 1 = escalated to the community, 2 = to the street), as the templates' `escalate`
// transitions do. The generator checks every state name against the published definition.
// Older records are nearly all finished: the few left in an open state with a time limit are the
// overdue backlog (≈ 10 % of all records overdue, ≈ 21 % open, at 1M records; 超时率 in the cockpit).

export type StateShare = { recent: number; old: number; lift: 0 | 1 | 2 };
export type ServiceMix = { key: string; share: number; states: Record<string, StateShare> };

export const serviceMix = [
  {
    key: "elderly_benefit",
    share: 0.4,
    states: {
      submitted: { recent: 22, old: 0.3, lift: 0 },
      returned: { recent: 5, old: 0.5, lift: 0 },
      accepted: { recent: 15, old: 0.3, lift: 0 },
      verified: { recent: 12, old: 0.5, lift: 0 },
      // community_approve escalates: from here on the record sits at the community
      community_reviewed: { recent: 10, old: 0.8, lift: 1 },
      publicity: { recent: 5, old: 0.5, lift: 1 },
      approved: { recent: 8, old: 1, lift: 1 },
      ready: { recent: 6, old: 1.5, lift: 1 },
      issued: { recent: 8, old: 50, lift: 1 },
      paying: { recent: 4, old: 25, lift: 1 },
      terminated: { recent: 0, old: 6, lift: 1 },
      rejected: { recent: 3, old: 9, lift: 0 },
      withdrawn: { recent: 2, old: 5, lift: 0 },
    },
  },
  {
    key: "veteran_card",
    share: 0.15,
    states: {
      submitted: { recent: 25, old: 0.3, lift: 0 },
      returned: { recent: 6, old: 0.5, lift: 0 },
      station_checked: { recent: 18, old: 0.5, lift: 0 },
      county_verified: { recent: 14, old: 0.8, lift: 0 },
      county_reviewed: { recent: 10, old: 1, lift: 0 },
      city_reviewed: { recent: 8, old: 1.2, lift: 0 },
      bank_issuing: { recent: 8, old: 1.5, lift: 0 },
      received_by_county: { recent: 4, old: 1.5, lift: 0 },
      handed_out: { recent: 3, old: 75, lift: 0 },
      rejected: { recent: 2, old: 10, lift: 0 },
      withdrawn: { recent: 2, old: 5, lift: 0 },
    },
  },
  {
    key: "grid_event",
    share: 0.45,
    states: {
      reported: { recent: 12, old: 0, lift: 0 },
      grid_handling: { recent: 22, old: 0.6, lift: 0 },
      community_handling: { recent: 9, old: 0.4, lift: 1 },
      street_handling: { recent: 5, old: 0.4, lift: 2 },
      resolved: { recent: 15, old: 1.5, lift: 0 },
      closed: { recent: 30, old: 80, lift: 0 },
      invalid: { recent: 7, old: 17, lift: 0 },
    },
  },
  {
    // 居民议事 serves 牯牛坪社区 only (its owner): a small share of the whole. Its grid answer is
    // the record's unit (recordUnit), so even 已转街道 stays at the grid: lift 0 throughout.
    key: "resident_proposal",
    share: 0.02,
    states: {
      submitted: { recent: 30, old: 0.3, lift: 0 },
      forwarded: { recent: 6, old: 0.3, lift: 0 },
      on_agenda: { recent: 14, old: 0.6, lift: 0 },
      adopted: { recent: 10, old: 6, lift: 0 },
      done: { recent: 8, old: 40, lift: 0 },
      not_adopted: { recent: 4, old: 10, lift: 0 },
      replied: { recent: 16, old: 25, lift: 0 },
      transferred: { recent: 8, old: 10, lift: 0 },
      closed: { recent: 4, old: 5, lift: 0 },
    },
  },
] as const satisfies readonly ServiceMix[];

/** Resolved and closed events were escalated this often, to the community (lift 1) or the street (lift 2). */
export const escalatedShare = { community: 0.2, street: 0.08 } as const;
