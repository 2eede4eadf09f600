// The one record generator: the session-local SQL functions that make a synthetic record's
// answers, used by the demo seed and by the benchmark.
//   node --import tsx scripts/generate-demo-records.ts   → supabase/seed/30_demo_records.sql
// The seed creates a few hundred records and walks each along its workflow (history events);
// the benchmark (scripts/bench/generate-records.ts) loads the same functions and inserts many
// more directly in their final states with pg_temp.answers_at, which adds what the transitions
// that lead to the state would have added (pg_temp.step_answers, the same function the walk
// calls). tests/unit/demo-records-seed.test.ts fails when the committed seed is stale.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const projectRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const demoRecordsSeedPath = join(projectRoot, "supabase/seed/30_demo_records.sql");

/** Records the demo seed creates per service; the benchmark makes its own count. */
export const demoRecordCounts = { elderly_benefit: 110, veteran_card: 50, grid_event: 140 } as const;

/**
 * pg_temp functions, session-local. Every random() draw is in a fixed order, so the demo seed
 * (setseed) makes the same records on every fresh database.
 */
export const recordAnswerFunctions = String.raw`
create function pg_temp.pick(choices text[]) returns text
language sql volatile as $$ select choices[1 + floor(random() * array_length(choices, 1))::int] $$;

create function pg_temp.digits(n int) returns text
language sql volatile as $$ select string_agg(floor(random() * 10)::int::text, '') from generate_series(1, n) $$;

-- A synthetic person: name matching sex and birth cohort, an ID number of the unit's county.
create function pg_temp.person(county_code text, born date) returns jsonb
language plpgsql volatile as $$
declare
  female boolean := random() < 0.5;
  given text;
  first17 text;
  sequence int;
begin
  given := case
    when extract(year from born) < 1970 then pg_temp.pick(case when female then array['秀英', '桂兰', '玉珍'] else array['建国', '国华', '德明'] end)
    when extract(year from born) < 2000 then pg_temp.pick(case when female then array['丽', '海燕', '小红'] else array['军', '勇'] end)
    else pg_temp.pick(case when female then array['梓涵', '欣怡'] else array['浩然', '宇轩'] end) end;
  -- the 17th digit is odd for men, even for women
  sequence := floor(random() * 500)::int * 2 + case when female then 0 else 1 end;
  first17 := county_code || to_char(born, 'YYYYMMDD') || lpad(sequence::text, 3, '0');
  return jsonb_build_object(
    'name', pg_temp.pick(array['彭', '彭', '田', '田', '向', '向', '覃', '冉', '王', '吴', '吴', '龙', '龙', '石', '石', '麻', '廖', '杨',
                               '张', '李', '刘', '陈', '黄', '周']) || given,
    'id_number', first17 || private.id_number_check_char(first17),
    'phone', pg_temp.pick(array['135', '137', '139', '150', '152', '158', '173', '180', '187', '199']) || pg_temp.digits(8));
end;
$$;

create function pg_temp.file(folder text, name text, mime text, size int) returns jsonb
language sql volatile as $$
  select jsonb_build_object('path', 'demo/' || folder || '/' || gen_random_uuid() || right(name, 4), 'name', name, 'size', size, 'mime', mime)
$$;

create function pg_temp.born_aged(years_min int, years_max int) returns date
language sql volatile as $$
  select ((current_date - make_interval(years => years_min))::date - floor(random() * ((years_max - years_min) * 365 + 300))::int)
$$;

create function pg_temp.completed_years(born date) returns int
language sql stable as $$ select extract(year from age(current_date, born))::int $$;

-- Where a unit is, for addresses: its county, street and community names run together.
create function pg_temp.place_name(unit_path text) returns text
language sql stable as $$
  select string_agg(a.name, '' order by a.depth) from public.org_units a where unit_path like a.path || '%' and a.depth between 1 and 3
$$;

-- The answers a resident (or grid worker) would give for a new record of this service, filed at
-- grid_id (community_id for the veteran card's 社区). benefit_kind fixes 老年优待's card or
-- allowance (null: 70% card), for a record whose state only one of them reaches.
create function pg_temp.record_answers(service_key text, grid_id uuid, community_id uuid, county text, place text, benefit_kind text default null)
returns jsonb language plpgsql volatile as $$
declare
  born date;
  someone jsonb;
  proxy jsonb;
  data jsonb;
  kind text;
  category text;
begin
  if service_key = 'elderly_benefit' then
    kind := coalesce(benefit_kind, case when random() < 0.7 then 'card' else 'allowance' end);
    born := case when kind = 'card' then pg_temp.born_aged(60, 94) else pg_temp.born_aged(80, 97) end;
    someone := pg_temp.person(county, born);
    data := jsonb_build_object(
      'benefit_type', kind,
      'applicant_name', someone ->> 'name',
      'applicant_id_number', someone ->> 'id_number',
      'age', pg_temp.completed_years(born),
      'applicant_phone', someone ->> 'phone',
      'grid', grid_id,
      'address', place || ' ' || (1 + floor(random() * 12)::int) || '组 ' || (1 + floor(random() * 40)::int) || '号',
      'hukou_local', random() < 0.85);
    if not (data -> 'hukou_local')::boolean then
      data := data || jsonb_build_object('residence_proof', jsonb_build_array(pg_temp.file('residence', '居住证明.pdf', 'application/pdf', 180000)));
    end if;
    if kind = 'card' then
      data := data || jsonb_build_object('photo', jsonb_build_array(pg_temp.file('photos', '证件照.jpg', 'image/jpeg', 48000)));
    else
      data := data || jsonb_build_object('bank_card_no', '6217' || pg_temp.digits(15));
    end if;
    if random() < 0.25 then
      proxy := pg_temp.person(county, pg_temp.born_aged(30, 55));
      data := data || jsonb_build_object('proxy_name', proxy ->> 'name', 'proxy_relation', pg_temp.pick(array['20', '30', '40']),
                                         'proxy_phone', proxy ->> 'phone');
    end if;
  elsif service_key = 'veteran_card' then
    kind := case when random() < 0.8 then 'veteran' else pg_temp.pick(array['martyr_family', 'duty_death_family', 'illness_death_family']) end;
    born := pg_temp.born_aged(32, 85);
    someone := pg_temp.person(county, born);
    data := jsonb_build_object(
      'card_type', kind,
      'applicant_name', someone ->> 'name',
      'applicant_id_number', someone ->> 'id_number',
      'applicant_phone', someone ->> 'phone',
      'community', community_id,
      'archive_registered', random() < 0.9,
      'bank', pg_temp.pick(array['icbc', 'abc', 'psbc', 'ceb']),
      'photo', jsonb_build_array(pg_temp.file('photos', '证件照.jpg', 'image/jpeg', 40000)));
    if kind = 'veteran' then
      data := data || jsonb_build_object(
        'service_branch', pg_temp.pick(array['pla', 'pla', 'pla', 'armed_police']),
        'enlist_date', to_char(born + interval '18 years 9 months', 'YYYY-MM-DD'),
        'discharge_date', to_char(born + interval '18 years 9 months' + make_interval(years => 2 + floor(random() * 10)::int), 'YYYY-MM-DD'));
    else
      data := data || jsonb_build_object('deceased_name', pg_temp.pick(array['彭', '田', '向', '吴', '龙', '石']) || pg_temp.pick(array['建国', '德明', '国华', '勇', '军']),
                                         'relation_to_deceased', pg_temp.pick(array['10', '50', '20', '30']));
    end if;
  elsif service_key = 'resident_proposal' then
    -- 居民议事 (牯牛坪社区's own service): a topic, a titled proposal, a named proposer most of the time
    category := pg_temp.pick(array['environment', 'parking', 'parking', 'property', 'facilities', 'safety', 'neighbours', 'activities', 'services', 'other']);
    data := jsonb_build_object(
      'topic', category,
      'title', case category
        when 'environment' then pg_temp.pick(array['增设分类垃圾桶', '清理小区死角垃圾'])
        when 'parking' then pg_temp.pick(array['规划电动车充电车位', '晚间占道停车问题'])
        when 'property' then pg_temp.pick(array['公示物业维修基金使用', '物业保洁频次过低'])
        when 'facilities' then pg_temp.pick(array['小区增设休息座椅', '修缮儿童游乐设施'])
        when 'safety' then pg_temp.pick(array['楼道加装感应灯', '路口增设减速带'])
        when 'neighbours' then pg_temp.pick(array['制定养犬文明公约', '调解楼上楼下噪音'])
        when 'activities' then pg_temp.pick(array['组织重阳节敬老活动', '开设周末书法班'])
        when 'services' then pg_temp.pick(array['设置便民理发点', '开通社区代办点'])
        else pg_temp.pick(array['建议设立居民意见箱', '增加社区公告栏']) end,
      'content', '居民在网格微信群提出，希望社区协调解决，已有多户居民表示支持。',
      'anonymous', random() < 0.2,
      'grid', grid_id,
      'supporters', floor(random() * 60)::int);
    if not (data -> 'anonymous')::boolean then
      someone := pg_temp.person(county, pg_temp.born_aged(25, 75));
      data := data || jsonb_build_object('suggester_name', someone ->> 'name', 'suggester_phone', someone ->> 'phone');
    end if;
    if random() < 0.3 then
      data := data || jsonb_build_object('photos', jsonb_build_array(pg_temp.file('proposals', '现场.jpg', 'image/jpeg', 260000)));
    end if;
  else
    category := pg_temp.pick(array['sanitation', 'sanitation', 'municipal', 'property', 'property', 'fire_safety', 'dispute', 'public_security', 'vulnerable_care', 'other']);
    data := jsonb_build_object(
      'category', category,
      'title', case category
        when 'sanitation' then pg_temp.pick(array['楼道堆放杂物', '垃圾桶满溢未清运', '小区绿化带积水发臭'])
        when 'municipal' then pg_temp.pick(array['路灯不亮', '人行道地砖松动', '下水道井盖缺失'])
        when 'property' then pg_temp.pick(array['电梯频繁故障', '单元门禁损坏', '物业费公示不清'])
        when 'fire_safety' then pg_temp.pick(array['电动车楼道充电', '消防通道被占用', '灭火器过期'])
        when 'dispute' then pg_temp.pick(array['邻里噪音纠纷', '楼上漏水引发纠纷'])
        when 'public_security' then pg_temp.pick(array['夜间有陌生人徘徊', '监控探头损坏'])
        when 'vulnerable_care' then pg_temp.pick(array['独居老人多日未出门', '残疾人出行不便需帮扶'])
        else pg_temp.pick(array['流浪犬扰民', '广场舞音量过大']) end,
      'description', '居民反映情况属实，网格员已到现场查看并拍照，需要按规定处置并反馈。',
      'photos', jsonb_build_array(pg_temp.file('events', '现场.jpg', 'image/jpeg', 350000)),
      'address', place || ' ' || pg_temp.pick(array['和美家园', '锦绣苑', '峒河雅居', '凤凰小区']) || ' '
                 || (1 + floor(random() * 12)::int) || '栋' || (1 + floor(random() * 3)::int) || '单元',
      'grid', grid_id,
      'urgency', pg_temp.pick(array['red', 'yellow', 'yellow', 'blue', 'blue']));
    if random() < 0.5 then
      someone := pg_temp.person(county, pg_temp.born_aged(25, 75));
      data := data || jsonb_build_object('reporter_name', someone ->> 'name', 'reporter_phone', someone ->> 'phone');
    end if;
  end if;
  return data;
end;
$$;

-- What staff add to the answers when they take a transition: the card number once the card is
-- made or received, the level (and departments) of an escalation, the result (and who handled
-- it) when the transition requires one, the resident's satisfaction at the on-site check. A null handler is dropped by the caller's strip_nulls.
create function pg_temp.step_answers(transition_key text, result_required boolean, actor uuid) returns jsonb
language sql volatile as $$
  select case transition_key
      when 'card_made' then jsonb_build_object('card_no', 'LY' || pg_temp.digits(10))
      when 'county_receive' then jsonb_build_object('card_no', '6231' || pg_temp.digits(15))
      when 'escalate_to_street' then jsonb_build_object('level', 'l3_street', 'departments', pg_temp.pick(array['城管、住建', '派出所', '供电公司、住建']))
      when 'escalate_to_community' then jsonb_build_object('level', 'l2_community')
      when 'verify_and_close' then jsonb_build_object('satisfaction', 'satisfied')
      else '{}'::jsonb end
    || case when result_required then jsonb_build_object('result', '已协调相关方完成处置，现场恢复正常。', 'handler', actor) else '{}'::jsonb end
$$;

-- The answers of a record that stands in state after the transitions that lead there, lifted
-- escalations up the tree (0 = at its grid, 1 = community, 2 = street): for records inserted
-- directly in their final state, as the benchmark does.
create function pg_temp.answers_at(service_key text, state text, lift int, grid_id uuid, community_id uuid, county text, place text, actor uuid default null)
returns jsonb language plpgsql volatile as $$
declare
  data jsonb;
begin
  data := pg_temp.record_answers(service_key, grid_id, community_id, county, place,
    case when service_key <> 'elderly_benefit' then null
         when state in ('paying', 'terminated', 'publicity') then 'allowance'
         when state in ('ready', 'issued') then 'card' end);
  if service_key = 'elderly_benefit' and state in ('ready', 'issued') then
    data := data || pg_temp.step_answers('card_made', false, actor);
  elsif service_key = 'veteran_card' and state in ('received_by_county', 'handed_out') then
    data := data || pg_temp.step_answers('county_receive', false, actor);
  elsif service_key = 'grid_event' then
    if lift >= 1 then data := data || pg_temp.step_answers('escalate_to_community', false, actor); end if;
    if lift >= 2 then data := data || pg_temp.step_answers('escalate_to_street', false, actor); end if;
    if state in ('resolved', 'closed') then data := data || pg_temp.step_answers(null, true, actor); end if;
  elsif service_key = 'resident_proposal' then
    -- what 答复, 表决 and 实施完成 ask for (requireFields); votes for never exceed the attendees (the rule)
    if state in ('replied', 'not_adopted') then
      data := data || jsonb_build_object('reply', '感谢您的建议，社区已研究并答复如下：已纳入下一阶段工作安排，进展将在公告栏公示。');
    end if;
    if state in ('adopted', 'done', 'not_adopted') then
      data := data || (select jsonb_build_object('meeting_date', to_char(current_date - 1 - floor(random() * 300)::int, 'YYYY-MM-DD'), 'attendees', n,
                                                 'votes_for', case when state = 'not_adopted' then n / 3 else n - n / 4 end, 'votes_against', n / 5,
                                                 'resolution', '经居民议事会协商表决，同意按方案实施，由社区牵头落实。')
                         from (select 15 + floor(random() * 30)::int as n) a);
    end if;
    if state = 'done' then
      data := data || jsonb_build_object('implementation', '已按决议实施完成，结果已在社区公告栏公开。');
    end if;
  end if;
  return jsonb_strip_nulls(data);
end;
$$;
`;

const seedWalk = String.raw`
-- Creates one record and walks its workflow as staff would have: older records mostly
-- finished, recent ones still open.
create function pg_temp.demo_record(service public.services, unit public.org_units, actor uuid) returns void
language plpgsql volatile as $$
declare
  definition jsonb := (select v.definition from public.service_versions v where v.service_id = service.id and v.version = service.current_version);
  record_row public.records;
  days_ago int := floor(random() * 150)::int;
  steps int := case when days_ago > 12 and random() < 0.7 then 20 else floor(random() * 7)::int end;
  happened timestamptz := now() - make_interval(days => days_ago, hours => floor(random() * 24)::int);
  transition jsonb;
  to_state jsonb;
  from_status text;
  from_unit uuid;
  old_data jsonb;
  merged jsonb;
  target_unit uuid;
  answers jsonb;
  checklist jsonb;
  step int := 0;
begin
  answers := pg_temp.record_answers(service.key, unit.id, unit.id, left(unit.code, 6), pg_temp.place_name(unit.path));
  -- due dates as the database gives a record entering a state then (timeLimit / slaHours, 工作日
  -- from the work calendar): an import keeps the due date it writes, so the walk computes them
  insert into public.records (service_id, service_version, org_unit_id, status, data, is_synthetic, created_at, created_by, updated_at, updated_by, due_at)
  values (service.id, service.current_version, unit.id, definition #>> '{workflow,initial}',
          answers, true, happened, actor, happened, actor,
          private.record_due_at(definition, definition #>> '{workflow,initial}', answers, happened))
  returning * into record_row;
  while step < steps loop
    -- forward moves are likelier than rejections, withdrawals and returns
    select t into transition
      from jsonb_array_elements(definition #> '{workflow,transitions}') t
     where t -> 'from' ? record_row.status
       -- a guarded transition only where its guard holds (the card and allowance branches, 已建档立卡)
       and (not t ? 'when' or private.condition_holds(t -> 'when', record_row.data, (happened at time zone 'Asia/Shanghai')::date))
       and not (record_row.data ->> 'benefit_type' = 'card' and t ->> 'key' in ('start_publicity', 'publicity_passed', 'start_payment'))
       and not (record_row.data ->> 'benefit_type' = 'allowance' and t ->> 'key' in ('street_approve', 'card_made'))
       and not (t ->> 'key' = 'escalate_to_street' and random() < 0.5)
       -- reopening an escalated event would leave it above its grid
       and not (t ->> 'key' = 'reopen' and record_row.org_unit_id <> unit.id)
     order by random() * case when t ->> 'key' in ('reject', 'withdraw', 'request_documents', 'mark_invalid', 'reopen', 'stop_payment') then 1 else 8 end desc
     limit 1;
    exit when transition is null;
    happened := least(happened + make_interval(hours => 2 + floor(random() * 70)::int), now() - interval '5 minutes');
    from_status := record_row.status;
    from_unit := record_row.org_unit_id;
    old_data := record_row.data;
    -- where the escalation sends it (parent, the street above, back to where it was filed)
    target_unit := private.escalation_target(transition -> 'escalate', record_row, null);
    -- the transition's own set (处置层级 by the target's level); the acting user is no signed-in one here, so step_answers names it
    merged := jsonb_strip_nulls(record_row.data || jsonb_strip_nulls(private.transition_assignments(definition, transition, target_unit))
                                || pg_temp.step_answers(transition ->> 'key', transition -> 'requireFields' ? 'result', actor));
    if target_unit is not null then
      record_row.org_unit_id := target_unit;
    end if;
    select s into to_state from jsonb_array_elements(definition #> '{workflow,states}') s where s ->> 'key' = transition ->> 'to';
    select jsonb_agg(jsonb_build_object('key', c ->> 'key', 'label', c ->> 'label', 'checked', true))
      into checklist from jsonb_array_elements(transition -> 'checklist') c;
    update public.records
       set status = to_state ->> 'key',
           org_unit_id = record_row.org_unit_id,
           data = merged,
           due_at = private.record_due_at(definition, to_state ->> 'key', merged, happened),
           row_version = row_version + 1,
           updated_at = happened,
           updated_by = actor
     where id = record_row.id
    returning * into record_row;
    perform private.append_record_event(record_row, 'transition', from_status, record_row.status, transition ->> 'key',
      case when transition -> 'requireComment' = 'true'::jsonb
        then pg_temp.pick(array['已电话联系申请人说明情况', '材料不全，请补充户口簿复印件', '情况复杂，需上级协调处理', '经核实情况属实'])
      end,
      nullif(private.data_diff(old_data, record_row.data)
             || case when from_unit <> record_row.org_unit_id then jsonb_build_object('org_unit_id', jsonb_build_array(from_unit, record_row.org_unit_id)) else '{}' end,
             '{}'::jsonb),
      checklist, actor, happened);
    exit when to_state -> 'terminal' = 'true'::jsonb;
    step := step + 1;
  end loop;
end;
$$;
`;

function seedPlan(): string {
  const plan = Object.entries(demoRecordCounts)
    .map(([key, count]) => `('${key}', ${count})`)
    .join(", ");
  return String.raw`
do $$
declare
  plan record;
  unit_id uuid;
  unit public.org_units;
  service public.services;
  home_grids uuid[] := array(select g.id from public.org_units g join public.org_units c on c.id = g.parent_id
                               where c.code = '433101009001' order by g.code);
  all_grids uuid[] := array(select g.id from public.org_units g where g.level = 'grid' order by g.code);
  staff_id uuid := (select id from auth.users where email = 'staff@demo.local');
  grid_worker_id uuid := (select id from auth.users where email = 'grid@demo.local');
  home_grid uuid := (select id from public.org_units where code = '433101009001001');
begin
  for plan in select * from (values ${plan}) p(key, how_many) loop
    select * into service from public.services where key = plan.key;
    for n in 1 .. plan.how_many loop
      unit_id := case when random() < 0.4
        then home_grids[1 + floor(random() * array_length(home_grids, 1))::int]
        else all_grids[1 + floor(random() * array_length(all_grids, 1))::int] end;
      select * into unit from public.org_units where id = unit_id;
      perform pg_temp.demo_record(service, unit,
        case when unit.id = home_grid and plan.key = 'grid_event' then grid_worker_id
             when unit.id = any (home_grids) then staff_id end);
    end loop;
  end loop;
end;
$$;
`;
}

export function renderDemoRecordsSeed(): string {
  return `-- GENERATED by scripts/generate-demo-records.ts (the record generator the benchmark uses too); do not edit.
-- Demo records for the three built-in services: a few hundred SYNTHETIC people and events
-- (domain.md §6), every record marked is_synthetic. Names come from the local surname and
-- given-name lists, ID numbers from Xiangxi county codes with a real birth date and a correct
-- GB 11643 check character, phones are format-valid only. About 40% sit in 牯牛坪社区 so the demo
-- accounts see work; the rest is spread over every seeded community's grids. Each record is
-- created in its initial state (created event) and walked along its workflow with transition
-- events, so states, escalations and overdue dates look like real work.
-- Runs in 'import' mode: the engine's triggers validate every write, the RPCs' user checks
-- do not apply (there is no signed-in user in a seed).

select set_config('app.record_write', 'import', true);
select setseed(0.2026);
${recordAnswerFunctions}${seedWalk}${seedPlan()}
select set_config('app.record_write', '', true);
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(demoRecordsSeedPath, renderDemoRecordsSeed());
  console.log(`写入 / wrote ${demoRecordsSeedPath.slice(projectRoot.length + 1)}`);
}
