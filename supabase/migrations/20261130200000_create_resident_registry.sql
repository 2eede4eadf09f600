-- Issue 12, item 1: the resident registry (一人一档), the foundation the registry UI, the
-- `resident` field type, write-back of outcomes, eligibility, duplicate checks, import and the
-- migration of existing records build on. Until now each record carried its own copy of the
-- applicant's name, ID number and phone; from here a person is one governed row.
--
-- residents: one person per ID number. The database normalises what is sent (trim, x → X, the
-- old 15 digits upgraded to 18 with their check character), verifies the GB 11643 check
-- character and birth date, derives sex and birth year, and keeps the raw ID number, the full
-- birth date and the phone in private.resident_sensitive_values with their blind-index digests
-- (HMAC under private.blind_index_key); the API only ever shows the masks. A unique index on
-- the ID number's digest is the rule "never two people with one ID". Exact search by a full
-- number (search_residents_by_value) and unmasking (unmask_resident_field) need view_sensitive
-- over the person's grid and a reason, and are logged in sensitive_access_log (now with
-- resident_id), refusals included.
-- households, household_members (GB/T 4761 relation to the head), resident_tags (status with
-- valid_from/valid_to and its source) and resident_events (append-only history written by the
-- triggers, masked, with source manual / record / import) follow their person.
-- Scope (RLS): read by roles that may read a service at the person's grid or above, and by
-- participants of records about them; written by roles that may update records there; never
-- deleted. records.resident_id gains its foreign key. Details: docs/residents.md.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- National code lists the registry's coded fields take (GB/T 2261.1 sex, GB/T 3304 ethnicity,
-- GB/T 2261.2 marital status, GB/T 4762 political status, GB/T 4761 relation to the household
-- head), with their labels for lists, forms and import templates.
create table public.resident_codes (
  list text not null check (list in ('sex', 'ethnicity', 'marital_status', 'political_status', 'household_relation')),
  code text not null check (code ~ '^[0-9]{1,2}$'),
  label_zh text not null check (char_length(label_zh) between 1 and 40),
  label_en text not null check (char_length(label_en) between 1 and 80),
  sort_order int not null default 0,
  primary key (list, code)
);
comment on table public.resident_codes is 'National code lists of the resident registry (GB/T 2261.1/.2, GB/T 3304, GB/T 4762, GB/T 4761) with Chinese and English labels. Read-only through the API.';

insert into public.resident_codes (list, code, label_zh, label_en, sort_order)
select 'sex', c, z, e, n from (values
  ('0', '未知的性别', 'Not known', 1), ('1', '男', 'Male', 2), ('2', '女', 'Female', 3), ('9', '未说明的性别', 'Not stated', 4)) v(c, z, e, n)
union all
select 'ethnicity', lpad(n::text, 2, '0'), z, e, n from unnest(
  array['汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
        '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
        '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
        '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
        '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族'],
  array['Han', 'Mongol', 'Hui', 'Tibetan', 'Uyghur', 'Miao', 'Yi', 'Zhuang', 'Bouyei', 'Korean', 'Manchu', 'Dong', 'Yao', 'Bai',
        'Tujia', 'Hani', 'Kazakh', 'Dai', 'Li', 'Lisu', 'Va', 'She', 'Gaoshan', 'Lahu', 'Shui', 'Dongxiang', 'Naxi',
        'Jingpo', 'Kyrgyz', 'Tu', 'Daur', 'Mulao', 'Qiang', 'Blang', 'Salar', 'Maonan', 'Gelao', 'Xibe', 'Achang',
        'Pumi', 'Tajik', 'Nu', 'Uzbek', 'Russian', 'Evenki', 'De''ang', 'Bonan', 'Yugur', 'Gin', 'Tatar',
        'Derung', 'Oroqen', 'Hezhen', 'Monba', 'Lhoba', 'Jino']) with ordinality as t(z, e, n)
union all
select 'ethnicity', c, z, e, n from (values
  ('97', '其他', 'Other', 97), ('98', '外国血统中国籍人士', 'Chinese citizen of foreign origin', 98)) v(c, z, e, n)
union all
select 'marital_status', c, z, e, n from (values
  ('10', '未婚', 'Never married', 1), ('20', '已婚', 'Married', 2), ('21', '初婚', 'First marriage', 3), ('22', '再婚', 'Remarried', 4),
  ('23', '复婚', 'Remarried to former spouse', 5), ('30', '丧偶', 'Widowed', 6), ('40', '离婚', 'Divorced', 7),
  ('90', '未说明的婚姻状况', 'Not stated', 8)) v(c, z, e, n)
union all
select 'political_status', c, z, e, n from (values
  ('01', '中国共产党党员', 'Member of the Communist Party of China', 1), ('02', '中国共产党预备党员', 'Probationary member of the CPC', 2),
  ('03', '中国共产主义青年团团员', 'Member of the Communist Youth League', 3),
  ('04', '中国国民党革命委员会会员', 'Member of the Revolutionary Committee of the Kuomintang', 4),
  ('05', '中国民主同盟盟员', 'Member of the China Democratic League', 5), ('06', '中国民主建国会会员', 'Member of the China National Democratic Construction Association', 6),
  ('07', '中国民主促进会会员', 'Member of the China Association for Promoting Democracy', 7), ('08', '中国农工民主党党员', 'Member of the Chinese Peasants'' and Workers'' Democratic Party', 8),
  ('09', '中国致公党党员', 'Member of the China Zhi Gong Party', 9), ('10', '九三学社社员', 'Member of the Jiusan Society', 10),
  ('11', '台湾民主自治同盟盟员', 'Member of the Taiwan Democratic Self-Government League', 11), ('12', '无党派人士', 'Without party affiliation', 12),
  ('13', '群众', 'Ordinary citizen', 13)) v(c, z, e, n)
union all
select 'household_relation', c, z, e, row_number() over () from (values
  ('01', '本人', 'Self'), ('02', '户主', 'Head of household'), ('10', '配偶', 'Spouse'), ('11', '夫', 'Husband'), ('12', '妻', 'Wife'),
  ('20', '子', 'Son'), ('21', '独生子', 'Only son'), ('22', '长子', 'Eldest son'), ('23', '次子', 'Second son'), ('24', '三子', 'Third son'),
  ('25', '四子', 'Fourth son'), ('26', '五子', 'Fifth son'), ('27', '养子或继子', 'Adopted son or stepson'), ('28', '女婿', 'Son-in-law'),
  ('29', '其他儿子', 'Other son'), ('30', '女', 'Daughter'), ('31', '独生女', 'Only daughter'), ('32', '长女', 'Eldest daughter'),
  ('33', '次女', 'Second daughter'), ('34', '三女', 'Third daughter'), ('35', '四女', 'Fourth daughter'), ('36', '五女', 'Fifth daughter'),
  ('37', '养女或继女', 'Adopted daughter or stepdaughter'), ('38', '儿媳', 'Daughter-in-law'), ('39', '其他女儿', 'Other daughter'),
  ('40', '孙子、孙女或外孙子、外孙女', 'Grandchild'), ('41', '孙子', 'Grandson (son''s son)'), ('42', '孙女', 'Granddaughter (son''s daughter)'),
  ('43', '外孙子', 'Grandson (daughter''s son)'), ('44', '外孙女', 'Granddaughter (daughter''s daughter)'), ('45', '孙媳妇或外孙媳妇', 'Grandson''s wife'),
  ('46', '孙女婿或外孙女婿', 'Granddaughter''s husband'), ('47', '曾孙子或外曾孙子', 'Great-grandson'), ('48', '曾孙女或外曾孙女', 'Great-granddaughter'),
  ('49', '其他孙子、孙女或外孙子、外孙女', 'Other grandchild'), ('50', '父母', 'Parent'), ('51', '父亲', 'Father'), ('52', '母亲', 'Mother'),
  ('53', '公公', 'Father-in-law (husband''s father)'), ('54', '婆婆', 'Mother-in-law (husband''s mother)'), ('55', '岳父', 'Father-in-law (wife''s father)'),
  ('56', '岳母', 'Mother-in-law (wife''s mother)'), ('57', '继父或养父', 'Stepfather or adoptive father'), ('58', '继母或养母', 'Stepmother or adoptive mother'),
  ('59', '其他父母关系', 'Other parent'), ('60', '祖父母或外祖父母', 'Grandparent'), ('61', '祖父', 'Grandfather (father''s father)'),
  ('62', '祖母', 'Grandmother (father''s mother)'), ('63', '外祖父', 'Grandfather (mother''s father)'), ('64', '外祖母', 'Grandmother (mother''s mother)'),
  ('65', '配偶的祖父母或外祖父母', 'Spouse''s grandparent'), ('66', '曾祖父', 'Great-grandfather'), ('67', '曾祖母', 'Great-grandmother'),
  ('68', '配偶的曾祖父母或外曾祖父母', 'Spouse''s great-grandparent'), ('69', '其他祖父母或外祖父母关系', 'Other grandparent'),
  ('70', '兄弟姐妹', 'Sibling'), ('71', '兄', 'Elder brother'), ('72', '嫂', 'Elder brother''s wife'), ('73', '弟', 'Younger brother'),
  ('74', '弟媳', 'Younger brother''s wife'), ('75', '姐姐', 'Elder sister'), ('76', '姐夫', 'Elder sister''s husband'), ('77', '妹妹', 'Younger sister'),
  ('78', '妹夫', 'Younger sister''s husband'), ('79', '其他兄弟姐妹', 'Other sibling'), ('80', '其他', 'Other relative'),
  ('81', '伯父', 'Uncle (father''s elder brother)'), ('82', '伯母', 'Aunt (wife of father''s elder brother)'), ('83', '叔父', 'Uncle (father''s younger brother)'),
  ('84', '婶母', 'Aunt (wife of father''s younger brother)'), ('85', '舅父', 'Uncle (mother''s brother)'), ('86', '舅母', 'Aunt (wife of mother''s brother)'),
  ('87', '姨父', 'Uncle (husband of mother''s sister)'), ('88', '姨母', 'Aunt (mother''s sister)'), ('89', '姑父', 'Uncle (husband of father''s sister)'),
  ('90', '姑母', 'Aunt (father''s sister)'), ('91', '堂兄弟、堂姐妹', 'Cousin (father''s brother''s child)'), ('92', '表兄弟、表姐妹', 'Cousin (other)'),
  ('93', '侄子', 'Nephew (brother''s son)'), ('94', '侄女', 'Niece (brother''s daughter)'), ('95', '外甥', 'Nephew (sister''s son)'),
  ('96', '外甥女', 'Niece (sister''s daughter)'), ('97', '其他亲属', 'Other relative'), ('99', '非亲属', 'Not related')) v(c, z, e);

-- Kinds of status a person can hold (resident_tags). min_age: derived from the birth date
-- (computed by the database, never stored as a tag).
create table public.resident_tag_kinds (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_zh text not null check (char_length(label_zh) between 1 and 20),
  label_en text not null check (char_length(label_en) between 1 and 60),
  min_age int check (min_age between 1 and 150),
  sort_order int not null default 100
);
comment on table public.resident_tag_kinds is 'Kinds of status tag a resident may hold (退役军人, 低保 …). A kind with min_age (60岁以上, 80岁以上) follows from the birth date and is never stored as a tag.';
insert into public.resident_tag_kinds (key, label_zh, label_en, min_age, sort_order) values
  ('age_60_plus', '60岁以上', 'Aged 60 or over', 60, 10),
  ('age_80_plus', '80岁以上', 'Aged 80 or over', 80, 20),
  ('veteran', '退役军人', 'Veteran', null, 30),
  ('disabled', '残疾人', 'Person with a disability', null, 40),
  ('dibao', '低保', 'Minimum living allowance (低保)', null, 50),
  ('tekun', '特困人员', 'Person in extreme hardship (特困)', null, 60),
  ('party_member', '党员', 'Party member', null, 70),
  ('volunteer', '志愿者', 'Volunteer', null, 80),
  ('living_alone_elderly', '独居老人', 'Older person living alone', null, 90),
  ('left_behind_child', '留守儿童', 'Left-behind child', null, 100),
  ('elderly_card_holder', '老年优待证持证', 'Holds an elderly preferential card', null, 110);

-- One person per ID number (一人一档). id_number and phone hold masks only: the trigger moves
-- what a client sends to private.resident_sensitive_values (raw, with blind-index digests).
create table public.residents (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  id_number text not null,
  sex text not null check (sex in ('1', '2')),
  birth_year int not null check (birth_year between 1800 and 2200),
  phone text,
  ethnicity text,
  political_status text,
  marital_status text,
  address text,
  grid_org_unit_id uuid not null references public.org_units (id) on delete restrict,
  row_version int not null default 1,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid
);
comment on table public.residents is 'The resident registry (一人一档): one row per person, unique by ID number (blind index in private.resident_sensitive_values). id_number and phone are masks; the raw values are unmasked only through unmask_resident_field.';
comment on column public.residents.id_number is 'Masked (433**************5). Send the full number (18 characters, or the old 15 digits) to set it; sending back the mask keeps it.';
comment on column public.residents.phone is 'Masked (138****5678). Send a full number to set it, null to remove it; sending back the mask keeps it.';
comment on column public.residents.sex is 'GB/T 2261.1 (1 male, 2 female), derived from the ID number.';
comment on column public.residents.birth_year is 'Derived from the ID number. The full birth date stays private (with the mask it would leave too few candidates for the number).';
comment on column public.residents.grid_org_unit_id is 'The grid the person lives in (a community when the grid is not known): decides who sees and edits them.';
comment on column public.residents.row_version is 'Optimistic concurrency: an UPDATE sends the version it read + 1.';
comment on column public.residents.is_synthetic is 'Demo data (domain.md §6): never a real person.';
create index residents_grid_idx on public.residents (grid_org_unit_id, name);
create index residents_name_idx on public.residents (name);

create table private.resident_sensitive_values (
  resident_id uuid primary key references public.residents (id) on delete cascade deferrable initially deferred,
  id_number text not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  birth_date date not null,
  phone text,
  id_number_digest bytea not null,
  phone_digest bytea
);
comment on table private.resident_sensitive_values is 'Raw ID number, birth date and phone of each resident, with their blind-index digests (HMAC, private.blind_index). The unique digest is the "one person per ID number" rule. Readable by no API role.';
create unique index resident_sensitive_values_id_number_digest_key on private.resident_sensitive_values (id_number_digest);
create index resident_sensitive_values_phone_digest_idx on private.resident_sensitive_values (phone_digest) where phone_digest is not null;
alter table private.resident_sensitive_values enable row level security;
revoke all on private.resident_sensitive_values from public, anon, authenticated, service_role;

create table public.households (
  id uuid primary key default gen_random_uuid(),
  address text not null,
  household_number text,
  grid_org_unit_id uuid not null references public.org_units (id) on delete restrict,
  row_version int not null default 1,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid
);
comment on table public.households is 'A household (户): where it lives and its number (户号) if known. Its members and their relation to the head are household_members; the head is the member with relation 02.';
create index households_grid_idx on public.households (grid_org_unit_id);

create table public.household_members (
  resident_id uuid primary key references public.residents (id) on delete restrict,
  household_id uuid not null references public.households (id) on delete restrict,
  relation text not null,
  row_version int not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid
);
comment on table public.household_members is 'Who belongs to which household (one household per person) and their GB/T 4761 relation to its head (02 户主 = the head). Leaving = deleting the row; every change is a resident event.';
comment on column public.household_members.relation is 'GB/T 4761-2008 code (resident_codes list household_relation).';
create index household_members_household_idx on public.household_members (household_id);
create unique index household_members_one_head on public.household_members (household_id) where relation = '02';

create table public.resident_tags (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references public.residents (id) on delete restrict,
  tag_key text not null references public.resident_tag_kinds (key) on update cascade on delete restrict,
  valid_from date not null,
  valid_to date,
  source text not null default 'manual' check (source in ('manual', 'record', 'import')),
  source_record_id uuid references public.records (id) on delete restrict,
  source_batch_id uuid,
  note text not null default '' check (char_length(note) <= 200),
  row_version int not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  constraint resident_tags_period check (valid_to is null or valid_to >= valid_from),
  constraint resident_tags_record_source check ((source = 'record') = (source_record_id is not null)),
  constraint resident_tags_import_source check ((source = 'import') = (source_batch_id is not null))
);
comment on table public.resident_tags is 'A status a person holds from valid_from to valid_to (inclusive, null = open): 退役军人, 低保 … Where it came from: manual, a record (source_record_id) or an import batch (source_batch_id). Ended by setting valid_to, never deleted.';
create index resident_tags_resident_idx on public.resident_tags (resident_id, tag_key, valid_from);
create index resident_tags_kind_idx on public.resident_tags (tag_key, resident_id) where valid_to is null;

create table public.resident_events (
  id bigint generated always as identity primary key,
  -- deferred: the residents trigger writes the 'created' event before the row itself exists
  resident_id uuid references public.residents (id) on delete restrict deferrable initially deferred,
  household_id uuid references public.households (id) on delete restrict deferrable initially deferred,
  tag_id uuid references public.resident_tags (id) on delete restrict deferrable initially deferred,
  kind text not null check (kind in ('created', 'updated', 'household_created', 'household_updated',
                                     'member_added', 'member_changed', 'member_removed', 'tag_added', 'tag_changed')),
  -- {field: [old, new]}; ID numbers and phones as their masks
  diff jsonb not null default '{}',
  source text not null check (source in ('manual', 'record', 'import')),
  source_ref uuid,
  actor uuid,
  created_at timestamptz not null default now(),
  constraint resident_events_subject check (resident_id is not null or household_id is not null),
  constraint resident_events_source_named check (source = 'manual' or source_ref is not null)
);
comment on table public.resident_events is 'Append-only history of the registry: every change to a resident, household, membership or tag, with who, when, what (masked) and where it came from (manual, a record, an import batch: source_ref). Written only by triggers; nobody updates or deletes it.';
create index resident_events_resident_idx on public.resident_events (resident_id, id) where resident_id is not null;
create index resident_events_household_idx on public.resident_events (household_id, id) where household_id is not null;

-- Records link to the person they are about (the resident field type fills it).
alter table public.records
  add constraint records_resident_id_fkey foreign key (resident_id) references public.residents (id) on delete restrict;

-- The sensitive-data log covers the registry: unmasking and searching residents.
alter table public.sensitive_access_log
  add column resident_id uuid references public.residents (id) on delete restrict,
  drop constraint sensitive_access_log_granted_names_record,
  add constraint sensitive_access_log_granted_names_record
    check (outcome = 'refused' or kind <> 'unmask' or record_id is not null or resident_id is not null);
comment on column public.sensitive_access_log.resident_id is 'The registered person unmasked or found (unmask_resident_field, search_residents_by_value); null for records.';
create index sensitive_access_log_resident_id_idx on public.sensitive_access_log (resident_id, at desc) where resident_id is not null;

-- routine: supabase/routines/private/append_resident_event.sql
-- Writes one registry history entry (public.resident_events): who (the caller), when, what
-- (p_diff {field: [old, new]}, sensitive values as their masks) and where it came from. The
-- source is 'manual' unless the writing transaction said otherwise: the engine's RPCs that
-- write the registry from a record or an import set the transaction-local settings
--   app.resident_source = 'record' | 'import' and app.resident_source_ref = the record's or
--   the import batch's id
-- (set_config(..., true)); PostgREST clients cannot set them.
-- security definer: resident_events has no insert policy, so that clients cannot forge history.
create or replace function private.append_resident_event(p_resident_id uuid, p_household_id uuid, p_kind text, p_diff jsonb, p_tag_id uuid default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
  source text := coalesce(nullif(current_setting('app.resident_source', true), ''), 'manual');
begin
  if source not in ('manual', 'record', 'import') then
    source := 'manual';
  end if;
  insert into public.resident_events (resident_id, household_id, tag_id, kind, diff, source, source_ref, actor)
  values (p_resident_id, p_household_id, p_tag_id, p_kind, p_diff, source,
          case when source <> 'manual' then nullif(current_setting('app.resident_source_ref', true), '')::uuid end,
          (select auth.uid()));
end;
$$;

revoke execute on function private.append_resident_event(uuid, uuid, text, jsonb, uuid) from public, anon;
grant execute on function private.append_resident_event(uuid, uuid, text, jsonb, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_registry_scope.sql
-- Refuses a registry write (residents, households, members, tags) at a unit outside the caller's
-- writing scope: the subtrees of their active memberships whose role may update records of at
-- least one service (my_scope_units('update'): staff, grid workers, community and system
-- administrators as seeded; not volunteers or leaders, who may create or read only). Changing a
-- person's data is an edit, so the grant that lets a role edit records decides. The triggers
-- call it before they look at anything else, so that somebody who may not write here learns
-- nothing (not even whether an ID number is registered), and gets a clear refusal instead of
-- RLS's generic one. Trusted writers that are no API user (migrations and the
-- seed as postgres, the service role) are not held to it; RLS does not hold them either, and a
-- security-definer RPC that writes the registry must check the caller's scope itself.
-- Also refuses a unit that is neither a grid nor a community (a person lives in a grid; a
-- community stands in when the grid is not known).
create or replace function private.check_registry_scope(p_unit_id uuid) returns void
language plpgsql stable set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon') and not (p_unit_id = any (private.my_scope_units('update'))) then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改此网格的居民信息 / You may not register or change residents of this grid', jsonb_build_object('org_unit_id', p_unit_id));
  end if;
  if not exists (select 1 from public.org_units u where u.id = p_unit_id and u.level in ('grid', 'community')) then
    perform private.raise_record_error('PT400', 'registry_unit_invalid',
      '请选择居住的网格（或社区）/ Choose the grid (or community) the person lives in', jsonb_build_object('org_unit_id', p_unit_id));
  end if;
end;
$$;

revoke execute on function private.check_registry_scope(uuid) from public, anon;
grant execute on function private.check_registry_scope(uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_resident_code.sql
-- Refuses a code that is not on its national code list (public.resident_codes): ethnicity
-- GB/T 3304, political status GB/T 4762, marital status GB/T 2261.2, relation to the household
-- head GB/T 4761. Null (not stated) passes. The hint names the list in both languages.
create or replace function private.check_resident_code(p_list text, p_code text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_code is not null and not exists (select 1 from public.resident_codes c where c.list = p_list and c.code = p_code) then
    perform private.raise_record_error('PT400', 'resident_code_invalid',
      format('“%s”不是有效的%s代码 / "%s" is not a valid %s code', p_code,
        case p_list when 'ethnicity' then '民族（GB/T 3304）' when 'political_status' then '政治面貌（GB/T 4762）'
             when 'marital_status' then '婚姻状况（GB/T 2261.2）' when 'household_relation' then '与户主关系（GB/T 4761）' else p_list end,
        p_code,
        case p_list when 'ethnicity' then 'ethnicity (GB/T 3304)' when 'political_status' then 'political status (GB/T 4762)'
             when 'marital_status' then 'marital status (GB/T 2261.2)' when 'household_relation' then 'relation to the head (GB/T 4761)' else p_list end),
      jsonb_build_object('field', p_list, 'code', p_code));
  end if;
end;
$$;

revoke execute on function private.check_resident_code(text, text) from public, anon;
grant execute on function private.check_resident_code(text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/household_members_before_write.sql
-- BEFORE INSERT, UPDATE OR DELETE on public.household_members (one row per person: the
-- household they belong to and their GB/T 4761 relation to its head, 02 户主 for the head).
-- Both the person and the household must be in the caller's writing scope; one head per
-- household (the partial unique index holds it under concurrency, this gives the clear
-- message); a person changes household by an UPDATE, leaves by a DELETE. Every change is an
-- event of the person (member_added / member_changed / member_removed).
create or replace function private.household_members_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  member public.household_members := case when tg_op = 'DELETE' then old else new end;
  resident_unit uuid;
  household_unit uuid;
begin
  select r.grid_org_unit_id into resident_unit from public.residents r where r.id = member.resident_id;
  select h.grid_org_unit_id into household_unit from public.households h where h.id = member.household_id;
  if resident_unit is null or household_unit is null then
    perform private.raise_record_error('PT404', 'registry_row_not_found',
      '居民或户不存在或无权访问 / No such resident or household, or not yours to see');
  end if;
  perform private.check_registry_scope(resident_unit);
  perform private.check_registry_scope(household_unit);
  if tg_op = 'DELETE' then
    perform private.append_resident_event(old.resident_id, old.household_id, 'member_removed',
      jsonb_build_object('household_id', jsonb_build_array(old.household_id, null), 'relation', jsonb_build_array(old.relation, null)));
    return old;
  end if;
  if tg_op = 'INSERT' then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.resident_id := old.resident_id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    if old.household_id <> new.household_id then
      perform private.check_registry_scope((select h.grid_org_unit_id from public.households h where h.id = old.household_id));
    end if;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  perform private.check_resident_code('household_relation', new.relation);
  if new.relation = '02' and exists (select 1 from public.household_members m
                                      where m.household_id = new.household_id and m.relation = '02' and m.resident_id <> new.resident_id) then
    perform private.raise_record_error('PT409', 'household_head_exists',
      '该户已有户主 / This household already has a head', jsonb_build_object('household_id', new.household_id));
  end if;
  if tg_op = 'INSERT' then
    perform private.append_resident_event(new.resident_id, new.household_id, 'member_added',
      jsonb_build_object('household_id', jsonb_build_array(null, new.household_id), 'relation', jsonb_build_array(null, new.relation)));
  elsif old.household_id <> new.household_id or old.relation <> new.relation then
    perform private.append_resident_event(new.resident_id, new.household_id, 'member_changed',
      private.data_diff(jsonb_build_object('household_id', old.household_id, 'relation', old.relation),
                        jsonb_build_object('household_id', new.household_id, 'relation', new.relation)));
  end if;
  return new;
end;
$$;

revoke execute on function private.household_members_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/households_before_write.sql
-- BEFORE INSERT OR UPDATE on public.households: scope (check_registry_scope), optimistic
-- concurrency, system columns, a tidied address required; every change an event.
create or replace function private.households_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  tracked text[] := array['address', 'household_number', 'grid_org_unit_id'];
  diff jsonb;
begin
  perform private.check_registry_scope(new.grid_org_unit_id);
  if tg_op = 'INSERT' then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.is_synthetic := old.is_synthetic;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  new.address := private.tidy_text(new.address);
  new.household_number := nullif(private.tidy_text(new.household_number), '');
  if coalesce(new.address, '') = '' then
    perform private.raise_record_error('PT400', 'household_address_required', '请填写住址 / Enter the address', '{"field": "address"}');
  elsif char_length(new.address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('地址过长：最多 200 个字，现为 %s 个字 / The address is too long: at most 200 characters, this has %s', char_length(new.address), char_length(new.address)),
      jsonb_build_object('field', 'address', 'maximum', 200, 'length', char_length(new.address)));
  end if;
  diff := private.data_diff(
    case when tg_op = 'INSERT' then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if tg_op = 'INSERT' or diff <> '{}'::jsonb then
    perform private.append_resident_event(null, new.id, case tg_op when 'INSERT' then 'household_created' else 'household_updated' end, diff);
  end if;
  return new;
end;
$$;

revoke execute on function private.households_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/log_and_read_resident_value.sql
-- Writes the log entry of a granted unmask, then returns the raw value (JSON string, or JSON
-- null when the person has none): id_number, phone or birth_date.
-- security definer: the raw values are readable by nobody; unmask_resident_field has checked
-- the caller (reads the person, holds view_sensitive over their grid, gave a reason) first.
create or replace function private.log_and_read_resident_value(p_resident_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform private.log_resident_access('unmask', p_resident_id, p_field, p_reason, null);
  return coalesce((select case p_field when 'id_number' then to_jsonb(v.id_number) when 'phone' then to_jsonb(v.phone)
                                       when 'birth_date' then to_jsonb(v.birth_date) end
                     from private.resident_sensitive_values v where v.resident_id = p_resident_id), 'null'::jsonb);
end;
$$;

revoke execute on function private.log_and_read_resident_value(uuid, text, text) from public, anon;
grant execute on function private.log_and_read_resident_value(uuid, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/log_resident_access.sql
-- Writes one sensitive_access_log row about the registry: a granted or refused unmask of one
-- value of a resident, or one row of a search by a full ID number or phone (a resident found,
-- or none). Filed under the resident's grid, so that administrators there read who looked;
-- a search without a match or a refusal about nobody, under the caller's first active unit
-- (about an unknown id: no unit, for system administrators). The value searched for is never
-- written. detail carries the resident's id, so the audit list names them.
-- security definer: the log has no insert policy (entries cannot be forged), and a refused
-- attempt may be about a resident the caller cannot see; only the registry RPCs call it.
create or replace function private.log_resident_access(
  p_kind text, p_resident_id uuid, p_field text, p_reason text, p_refusal text, p_row_count int default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  found public.residents;
begin
  select * into found from public.residents r where r.id = p_resident_id;
  insert into public.sensitive_access_log (kind, resident_id, org_unit_id, field, reason, actor, outcome, refusal, row_count, detail)
  values (p_kind, found.id,
          coalesce(found.grid_org_unit_id, case when p_resident_id is null then (
            select m.org_unit_id from public.memberships m
             where m.user_id = (select auth.uid()) and m.status = 'active' order by m.created_at limit 1) end),
          left(coalesce(p_field, ''), 64), left(coalesce(p_reason, ''), 500), (select auth.uid()),
          case when p_refusal is null then 'granted' else 'refused' end, p_refusal, p_row_count,
          case when found.id is not null then jsonb_build_object('resident_id', found.id)
               when p_resident_id is not null then jsonb_build_object('unknown_resident_id', p_resident_id) end);
end;
$$;

revoke execute on function private.log_resident_access(text, uuid, text, text, text, int) from public, anon;
grant execute on function private.log_resident_access(text, uuid, text, text, text, int) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/my_participated_residents.sql
-- The residents linked to records the caller took part in (record_participants: created, was
-- assigned, acted), while they hold an active membership: like the records' participant arm,
-- they keep reading the person (never writing) after the record or the person left their scope.
-- plpgsql for its cached plan (see my_participated_records).
-- security definer: reads participations and records without their policies, the caller's only.
create or replace function private.my_participated_residents() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select distinct r.resident_id
      from public.record_participants p
      join public.records r on r.id = p.record_id
     where p.user_id = (select auth.uid()) and r.resident_id is not null and r.deleted_at is null
       and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active');
end;
$$;

revoke execute on function private.my_participated_residents() from public, anon;
grant execute on function private.my_participated_residents() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/next_registry_version.sql
-- Optimistic concurrency for direct PATCHes of the registry tables (residents, households,
-- household_members, resident_tags): the request must carry row_version = the version it read
-- + 1, else it is refused (stale_registry_row, HTTP 409) and nothing is overwritten. A client
-- that read an older version names a number already taken; one that names no version leaves it
-- unchanged; both fail the same test (the database cannot tell "omitted" from "one behind"), so
-- the one message covers both. Returns the new version.
create or replace function private.next_registry_version(p_old int, p_new int) returns int
language plpgsql immutable set search_path = '' as $$
begin
  if p_new is distinct from p_old + 1 then
    perform private.raise_record_error('PT409', 'stale_registry_row',
      '数据已被他人修改，或修改未带版本号（读取时的 row_version 加 1）；请刷新后重试 / '
      || 'Someone else changed this entry, or the change did not send row_version (the version read + 1): reload and try again',
      jsonb_build_object('row_version', p_old));
  end if;
  return p_new;
end;
$$;

revoke execute on function private.next_registry_version(int, int) from public, anon;
grant execute on function private.next_registry_version(int, int) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/normalized_id_number.sql
-- The 18-character form of a typed ID number (GB 11643), or null when it has neither shape:
-- spaces, hyphens and full-width characters dropped (NFKC), a lower-case x made X, and a legacy
-- 15-digit number (GB 11643-1989: no century, no check character) upgraded by inserting "19"
-- before its 2-digit year and computing the check character. Whether the result is a valid
-- number (check character, birth date) is is_valid_id_number's question, not this one's.
-- plpgsql for its cached plans (see canonical_phone): the registry trigger runs it per row.
create or replace function private.normalized_id_number(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := upper(regexp_replace(normalize(coalesce(p_value, ''), nfkc), '[\s-]', '', 'g'));
begin
  if v ~ '^[0-9]{15}$' then
    v := left(v, 6) || '19' || substr(v, 7);
    return v || private.id_number_check_char(v);
  elsif v ~ '^[0-9]{17}[0-9X]$' then
    return v;
  end if;
  return null;
end;
$$;

revoke execute on function private.normalized_id_number(text) from public, anon;
grant execute on function private.normalized_id_number(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/refuse_registry_delete.sql
-- BEFORE DELETE on residents, households and resident_tags: the registry forgets nobody. A
-- person who moved away gets a new grid; a status that ended gets its valid_to; a household
-- without members stays as history. (A person leaves a household by deleting their
-- household_members row, which is logged.) Reached only by rows the caller may write, so others
-- get RLS's "0 rows"; this says why instead of a bare permission error.
create or replace function private.refuse_registry_delete() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'PT405', message = format('%s_not_deleted', tg_table_name),
    hint = case tg_table_name
      when 'resident_tags' then '标签不能删除，请填写结束日期 / A tag is not deleted: set its end date (valid_to)'
      else '居民档案不能删除，变更会留下记录 / The registry does not delete entries: change them, and the change is kept' end;
end;
$$;

revoke execute on function private.refuse_registry_delete() from public, anon;
-- end routine

-- routine: supabase/routines/private/resident_birth_date.sql
-- A resident's birth date (from their ID number), kept with the raw number: the registry shows
-- only the birth year, because a full birth date beside the masked number would leave too few
-- candidates for it (DESIGN §6: at least 10,000). For the database's own age rules (eligibility,
-- age tags), never returned to a client as is.
-- security definer: the private table is readable by no API role.
create or replace function private.resident_birth_date(p_resident_id uuid) returns date
language sql stable security definer set search_path = '' as $$
  select v.birth_date from private.resident_sensitive_values v where v.resident_id = p_resident_id
$$;

revoke execute on function private.resident_birth_date(uuid) from public, anon;
grant execute on function private.resident_birth_date(uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/resident_phone.sql
-- The stored form of a resident's typed phone, or null when it is no phone: a landline as typed
-- without spaces (0743-8221234, area code kept, is_valid_phone 'landline'), a mainland mobile as
-- its 11 digits (canonical_phone: +86, 0086, full-width digits and hyphens accepted), any other
-- country as + and its E.164 digits. The blind index (blind_value) keys all three forms the way
-- search_residents_by_value and search_records_by_value normalise what is typed.
create or replace function private.resident_phone(p_phone text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := regexp_replace(btrim(normalize(coalesce(p_phone, ''), nfkc)), '\s', '', 'g');
  e164 text;
begin
  if v like '0%' and v not like '00%' then
    return case when private.is_valid_phone(v, 'landline') then v end;
  end if;
  e164 := private.canonical_phone(v);
  if e164 like '86%' then
    return case when private.is_valid_phone(substr(e164, 3), 'mobile') then substr(e164, 3) end;
  end if;
  return case when e164 is not null then '+' || e164 end;
end;
$$;

revoke execute on function private.resident_phone(text) from public, anon;
grant execute on function private.resident_phone(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/resident_tags_before_write.sql
-- BEFORE INSERT OR UPDATE on public.resident_tags: a status of a person (退役军人, 低保 …) held
-- from valid_from (default: today in China) to valid_to (inclusive; null = open). The person
-- must be in the caller's writing scope; kinds derived from the birth date (60岁以上, 80岁以上:
-- resident_tag_kinds.min_age) are computed, never stored; periods of one kind for one person
-- do not overlap (a tag is ended by setting valid_to, renewed by a new row). The source is the
-- writing transaction's (append_resident_event: manual, or a record / an import batch the
-- engine names). Every change is an event of the person (tag_added / tag_changed).
create or replace function private.resident_tags_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  source text := coalesce(nullif(current_setting('app.resident_source', true), ''), 'manual');
  source_ref uuid := nullif(current_setting('app.resident_source_ref', true), '')::uuid;
  tracked text[] := array['tag_key', 'valid_from', 'valid_to', 'note'];
  resident_unit uuid;
  diff jsonb;
begin
  -- the person as the caller sees them (RLS): one they cannot see is not found
  resident_unit := (select r.grid_org_unit_id from public.residents r where r.id = new.resident_id);
  if resident_unit is null then
    perform private.raise_record_error('PT404', 'registry_row_not_found',
      '居民或户不存在或无权访问 / No such resident or household, or not yours to see');
  end if;
  perform private.check_registry_scope(resident_unit);
  if tg_op = 'INSERT' then
    if exists (select 1 from public.resident_tag_kinds k where k.key = new.tag_key and k.min_age is not null) then
      perform private.raise_record_error('PT400', 'resident_tag_derived',
        '年龄类标签由出生日期自动得出，不能手工添加 / Age tags follow from the birth date and are not added by hand',
        jsonb_build_object('tag_key', new.tag_key));
    end if;
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
    new.source := case when source in ('record', 'import') then source else 'manual' end;
    new.source_record_id := case when new.source = 'record' then source_ref end;
    new.source_batch_id := case when new.source = 'import' then source_ref end;
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.resident_id := old.resident_id;
    new.tag_key := old.tag_key;
    new.source := old.source;
    new.source_record_id := old.source_record_id;
    new.source_batch_id := old.source_batch_id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  new.valid_from := coalesce(new.valid_from, private.local_today());
  new.note := coalesce(private.tidy_text(new.note), '');
  if new.valid_to < new.valid_from then
    perform private.raise_record_error('PT400', 'tag_period_invalid',
      '结束日期不能早于开始日期 / The end date cannot be before the start date',
      jsonb_build_object('valid_from', new.valid_from, 'valid_to', new.valid_to));
  end if;
  if exists (select 1 from public.resident_tags t
              where t.resident_id = new.resident_id and t.tag_key = new.tag_key and t.id <> new.id
                and daterange(t.valid_from, t.valid_to, '[]') && daterange(new.valid_from, new.valid_to, '[]')) then
    perform private.raise_record_error('PT409', 'tag_overlaps',
      '此人在这段时间已有该标签 / The person already holds this tag for part of this period',
      jsonb_build_object('tag_key', new.tag_key));
  end if;
  diff := private.data_diff(
    case when tg_op = 'INSERT' then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if tg_op = 'INSERT' or diff <> '{}'::jsonb then
    perform private.append_resident_event(new.resident_id, null, case tg_op when 'INSERT' then 'tag_added' else 'tag_changed' end,
      diff, new.id);
  end if;
  return new;
end;
$$;

revoke execute on function private.resident_tags_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/residents_before_write.sql
-- BEFORE INSERT OR UPDATE on public.residents: the database's own rules for a person, whatever
-- the client sent.
-- * scope first (check_registry_scope): outside it nothing else is looked at;
-- * optimistic concurrency on UPDATE (next_registry_version); system columns fixed here;
-- * name tidied and required; address tidied; codes on their national lists;
-- * ID number: normalised (trim, x → X, 15 → 18 digits), check character and birth date
--   verified (GB 11643), sex (GB/T 2261.1: 1 male, 2 female) and birth year derived from it;
--   the raw number goes to private.resident_sensitive_values, the row keeps only its mask; an
--   ID number another resident holds is refused (resident_exists), naming them only if the
--   caller may see them. Unchanged when the client sends back the mask it read.
-- * phone: stored form (resident_phone) kept privately, the row holds its mask; the mask sent
--   back leaves it unchanged, null or blank removes it.
-- * every change is an event (append_resident_event), masks only. The event is written here,
--   not in an AFTER trigger, because only here is it known whether a number changed behind an
--   equal mask (resident_events.resident_id is a deferred foreign key for the insert case).
create or replace function private.residents_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  is_insert boolean := tg_op = 'INSERT';
  id_changed boolean := tg_op = 'INSERT' or new.id_number is distinct from old.id_number;
  phone_changed boolean := tg_op = 'INSERT' or new.phone is distinct from old.phone;
  raw_id text;
  raw_phone text;
  holder uuid;
  tracked text[] := array['name', 'id_number', 'sex', 'birth_year', 'phone', 'ethnicity', 'political_status', 'marital_status',
                          'address', 'grid_org_unit_id'];
  diff jsonb;
begin
  perform private.check_registry_scope(new.grid_org_unit_id);
  if is_insert then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.is_synthetic := old.is_synthetic;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());

  new.name := private.tidy_text(new.name);
  if coalesce(new.name, '') = '' then
    perform private.raise_record_error('PT400', 'resident_name_required', '请填写姓名 / Enter the name', '{"field": "name"}');
  elsif char_length(new.name) > 60 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('姓名过长：最多 60 个字，现为 %s 个字 / The name is too long: at most 60 characters, this has %s', char_length(new.name), char_length(new.name)),
      jsonb_build_object('field', 'name', 'maximum', 60, 'length', char_length(new.name)));
  end if;
  new.address := nullif(private.tidy_text(new.address), '');
  if char_length(new.address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('地址过长：最多 200 个字，现为 %s 个字 / The address is too long: at most 200 characters, this has %s', char_length(new.address), char_length(new.address)),
      jsonb_build_object('field', 'address', 'maximum', 200, 'length', char_length(new.address)));
  end if;
  perform private.check_resident_code('ethnicity', new.ethnicity);
  perform private.check_resident_code('political_status', new.political_status);
  perform private.check_resident_code('marital_status', new.marital_status);

  if id_changed then
    raw_id := private.normalized_id_number(new.id_number);
    if raw_id is null then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号应为 18 位（末位可为 X）或旧式 15 位数字 / An ID number has 18 characters (the last may be X), or 15 digits in the old form',
        '{"field": "id_number"}');
    elsif private.id_number_check_char(raw_id) <> right(raw_id, 1) then
      perform private.raise_record_error('PT400', 'id_number_check_failed',
        '身份证号校验位不符，请核对号码 / The ID number''s check character does not match: check the number',
        '{"field": "id_number"}');
    elsif not private.is_valid_id_number(raw_id, private.local_today()) then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号中的出生日期无效 / The birth date in the ID number is not a valid date',
        '{"field": "id_number"}');
    end if;
    new.id_number := private.mask_id_number(raw_id);
    new.sex := case when substr(raw_id, 17, 1)::int % 2 = 1 then '1' else '2' end;
    new.birth_year := substr(raw_id, 7, 4)::int;
  else
    new.sex := old.sex;
    new.birth_year := old.birth_year;
  end if;
  if phone_changed then
    if coalesce(private.tidy_text(new.phone), '') <> '' then
      raw_phone := private.resident_phone(new.phone);
      if raw_phone is null then
        perform private.raise_record_error('PT400', 'phone_invalid',
          '请填写 11 位手机号或带区号的固定电话（如 0743-8221234） / Enter an 11-digit mobile number or a landline with its area code (e.g. 0743-8221234)',
          '{"field": "phone"}');
      end if;
    end if;
    new.phone := private.mask_phone(raw_phone);
  end if;
  if id_changed or phone_changed then
    holder := private.store_resident_sensitive_values(is_insert, new.id, raw_id, phone_changed, raw_phone);
    if holder is not null then
      perform private.raise_record_error('PT409', 'resident_exists',
        '该身份证号已登记，一人只登记一次 / This ID number is already registered: a person is registered once',
        jsonb_build_object('field', 'id_number',
          'resident_id', case when exists (select 1 from public.residents r where r.id = holder) then holder end));
    end if;
  end if;

  diff := private.data_diff(
    case when is_insert then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if is_insert then
    diff := (select coalesce(jsonb_object_agg(d.key, d.value), '{}') from jsonb_each(diff) d where d.value ->> 1 is not null);
  elsif id_changed and not diff ? 'id_number' then
    -- a new number behind the same mask is still a change
    diff := diff || jsonb_build_object('id_number', jsonb_build_array(old.id_number, new.id_number));
  end if;
  if is_insert or diff <> '{}'::jsonb then
    perform private.append_resident_event(new.id, null, case when is_insert then 'created' else 'updated' end, diff);
  end if;
  return new;
end;
$$;

revoke execute on function private.residents_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/residents_matching_value.sql
-- The residents whose ID number or phone has this blind index (private.blind_index), and which
-- of the two matched. The caller (search_residents_by_value) keeps those it may see and unmask.
-- security definer: the digests are readable by no API role.
create or replace function private.residents_matching_value(p_digest bytea) returns table (resident_id uuid, field text)
language sql stable security definer set search_path = '' as $$
  select v.resident_id, 'id_number' from private.resident_sensitive_values v where v.id_number_digest = p_digest
  union all
  select v.resident_id, 'phone' from private.resident_sensitive_values v where v.phone_digest = p_digest
$$;

revoke execute on function private.residents_matching_value(bytea) from public, anon;
grant execute on function private.residents_matching_value(bytea) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/store_resident_sensitive_values.sql
-- Keeps a resident's raw ID number (18 characters, already normalised and checked), the birth
-- date it states and their phone in private.resident_sensitive_values, with the blind index
-- (HMAC) of each, and returns null; or, when another resident already holds that ID number,
-- stores nothing and returns that resident's id (the trigger refuses the write and says whether
-- the caller may see them). The unique index on the digest makes the rule hold under concurrent
-- writes too (then the loser gets Postgres's 23505). p_id_number null: keep the stored number;
-- p_set_phone false: keep the stored phone.
-- A duplicate is found by an indexed lookup, not by catching unique_violation: an exception
-- block is a subtransaction per row, which an import of 50,000 rows should not pay.
-- security definer: nobody else reads or writes the private table; the residents trigger has
-- checked the caller's scope first.
create or replace function private.store_resident_sensitive_values(
  p_is_insert boolean, p_resident_id uuid, p_id_number text, p_set_phone boolean, p_phone text
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  id_digest bytea := case when p_id_number is not null then private.blind_index(p_id_number) end;
  holder uuid;
begin
  if id_digest is not null then
    select v.resident_id into holder from private.resident_sensitive_values v
     where v.id_number_digest = id_digest and v.resident_id <> p_resident_id;
    if holder is not null then
      return holder;
    end if;
  end if;
  if p_is_insert then
    -- An INSERT naming an existing resident's id (an upsert) must not overwrite their numbers.
    if exists (select 1 from private.resident_sensitive_values v where v.resident_id = p_resident_id) then
      return p_resident_id;
    end if;
    insert into private.resident_sensitive_values (resident_id, id_number, birth_date, id_number_digest, phone, phone_digest)
    values (p_resident_id, p_id_number, private.answer_birth_date('id_number', to_jsonb(p_id_number)), id_digest,
            p_phone, private.blind_index(p_phone));
  else
    update private.resident_sensitive_values v
       set id_number = coalesce(p_id_number, v.id_number),
           birth_date = coalesce(private.answer_birth_date('id_number', to_jsonb(p_id_number)), v.birth_date),
           id_number_digest = coalesce(id_digest, v.id_number_digest),
           phone = case when p_set_phone then p_phone else v.phone end,
           phone_digest = case when p_set_phone then private.blind_index(p_phone) else v.phone_digest end
     where v.resident_id = p_resident_id;
  end if;
  return null;
end;
$$;

revoke execute on function private.store_resident_sensitive_values(boolean, uuid, text, boolean, text) from public, anon;
grant execute on function private.store_resident_sensitive_values(boolean, uuid, text, boolean, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/search_residents_by_value.sql
-- Finds registered people by a full ID number (18 characters, or the old 15 digits; spaces and a
-- lower-case x tolerated) or a full phone number through the blind index, for a caller holding
-- view_sensitive over the person's grid (as unmask_resident_field); returns
-- {"resident_ids": [...]} of those they may read and unmask. Every search is logged
-- (sensitive_access_log, kind 'search': one row per person found, filed under their grid, or one
-- row for none), never with the value searched for. Partial search on the masks stays a plain
-- filter on residents, open to every reader.
-- Refusals are logged and returned with their HTTP status (see unmask_resident_field):
--   search_forbidden 403 (view_sensitive nowhere), value_not_searchable 400, reason_required 400,
--   text_too_long 400.
-- security invoker: the people returned are read under the caller's RLS as well.
create or replace function public.search_residents_by_value(p_value text, p_reason text default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  sensitive_units uuid[] := private.my_scope_units('view_sensitive');
  wanted bytea := private.blind_index(coalesce(private.normalized_id_number(p_value), p_value));
  status int;
  refusal text;
  hint text;
  found record;
  ids jsonb := '[]';
begin
  if cardinality(sensitive_units) = 0 then
    status := 403; refusal := 'search_forbidden';
    hint := '您的角色不能按完整证件号或电话查找居民 / Your role may not search residents by a full ID number or phone';
  elsif wanted is null then
    status := 400; refusal := 'value_not_searchable';
    hint := '请输入完整的身份证号或完整的电话号码 / Enter a full ID number or a full phone number';
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查找原因过长：最多 500 个字，现为 %s 个字 / The reason for searching is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查找原因（至少 4 个字） / Give a reason for searching (at least 4 characters)';
  end if;
  if refusal is not null then
    perform private.log_resident_access('search', null, '', left(reason, 500), refusal, 0);
    perform set_config('response.status', status::text, true);
    return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', null);
  end if;

  for found in
    select m.resident_id, m.field
      from private.residents_matching_value(wanted) m
     where exists (select 1 from public.residents r where r.id = m.resident_id and r.grid_org_unit_id = any (sensitive_units))
  loop
    perform private.log_resident_access('search', found.resident_id, found.field, reason, null);
    if not ids @> to_jsonb(array[found.resident_id]) then
      ids := ids || to_jsonb(found.resident_id);
    end if;
  end loop;
  if ids = '[]'::jsonb then
    perform private.log_resident_access('search', null, '', reason, null, 0);
  end if;
  return jsonb_build_object('resident_ids', ids);
end;
$$;

revoke execute on function public.search_residents_by_value(text, text) from public, anon;
grant execute on function public.search_residents_by_value(text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/unmask_resident_field.sql
-- The raw value of one sensitive item of a registered person — id_number, phone or birth_date —
-- with a reason of 4 to 500 characters (trimmed; whitespace and invisible characters alone are
-- no reason), logged in sensitive_access_log (kind 'unmask', resident_id) before it is returned.
-- Who may: a reader of the person (their RLS) whose role holds view_sensitive on at least one
-- service at the person's grid or above (my_scope_units('view_sensitive')): the registry serves
-- every service, so "may see this service's sensitive answers somewhere over this grid" is what
-- lets a person see the registry's. Participants who only read the person may not.
-- Refusals are logged and returned with their HTTP status, as unmask_record_field does (a raise
-- would roll the log row back):
--   resident_not_found 404, unmask_forbidden 403, field_not_sensitive 400, text_too_long 400,
--   reason_required 400.
-- security invoker: reading the person under the caller's RLS is the first check.
create or replace function public.unmask_resident_field(p_resident_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target public.residents;
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  status int;
  refusal text;
  hint text;
  detail jsonb;
begin
  select * into target from public.residents where id = p_resident_id;
  if target.id is null then
    status := 404; refusal := 'resident_not_found';
    hint := '居民不存在或无权访问 / No such resident, or not yours to see';
  elsif not (target.grid_org_unit_id = any (private.my_scope_units('view_sensitive'))) then
    status := 403; refusal := 'unmask_forbidden';
    hint := '您的角色不能查看居民的敏感信息 / Your role may not view residents'' sensitive information';
  elsif p_field is null or p_field not in ('id_number', 'phone', 'birth_date') then
    status := 400; refusal := 'field_not_sensitive';
    hint := '只能查看身份证号、电话或出生日期 / Only the ID number, phone or birth date can be unmasked';
    detail := jsonb_build_object('field', p_field);
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查看原因过长：最多 500 个字，现为 %s 个字 / The reason for viewing is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
    detail := jsonb_build_object('code', 'text_too_long', 'maximum', 500, 'length', char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查看原因（至少 4 个字） / Give a reason for viewing (at least 4 characters)';
  end if;

  if refusal is null then
    return private.log_and_read_resident_value(target.id, p_field, reason);
  end if;
  perform private.log_resident_access('unmask', p_resident_id, p_field, left(reason, 500), refusal);
  perform set_config('response.status', status::text, true);
  return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', detail::text);
end;
$$;

revoke execute on function public.unmask_resident_field(uuid, text, text) from public, anon;
grant execute on function public.unmask_resident_field(uuid, text, text) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

create trigger residents_before_write
before insert or update on public.residents
for each row execute function private.residents_before_write();
create trigger residents_no_delete
before delete on public.residents
for each row execute function private.refuse_registry_delete();

create trigger households_before_write
before insert or update on public.households
for each row execute function private.households_before_write();
create trigger households_no_delete
before delete on public.households
for each row execute function private.refuse_registry_delete();

create trigger household_members_before_write
before insert or update or delete on public.household_members
for each row execute function private.household_members_before_write();

create trigger resident_tags_before_write
before insert or update on public.resident_tags
for each row execute function private.resident_tags_before_write();
create trigger resident_tags_no_delete
before delete on public.resident_tags
for each row execute function private.refuse_registry_delete();

create trigger resident_events_immutable
before update or delete on public.resident_events
for each row execute function private.refuse_change();
create trigger resident_events_no_truncate
before truncate on public.resident_events
for each statement execute function private.refuse_truncate();

-- Scope (docs/residents.md): a person is read by whoever holds, at their grid or an ancestor
-- unit, an active membership whose role may read at least one service (my_scope_units('read'):
-- the registry serves every service), and by participants of records about them; written
-- (insert, update) by whoever's role may update records of at least one service there
-- (my_scope_units('update')). Update and delete reach every row the caller reads, so that the
-- triggers can say why a write is refused (registry_write_forbidden, *_not_deleted) instead of
-- a silent "0 rows". Households, members, tags and events follow their person.
alter table public.resident_codes enable row level security;
alter table public.resident_tag_kinds enable row level security;
alter table public.residents enable row level security;
alter table public.households enable row level security;
alter table public.household_members enable row level security;
alter table public.resident_tags enable row level security;
alter table public.resident_events enable row level security;

create policy "Members can read the registry's code lists"
on public.resident_codes for select to authenticated
using ((select private.has_active_membership()));

create policy "Members can read the kinds of resident tag"
on public.resident_tag_kinds for select to authenticated
using ((select private.has_active_membership()));

create policy "Users read residents in scope or of records they took part in"
on public.residents for select to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or id in (select private.my_participated_residents()));

create policy "Users register residents where their role may edit records"
on public.residents for insert to authenticated
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

create policy "Users change residents they read, within their writing scope"
on public.residents for update to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or id in (select private.my_participated_residents()))
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

create policy "Users reach residents only to be told they are not deleted"
on public.residents for delete to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or id in (select private.my_participated_residents()));

create policy "Users read households in scope or of residents they read"
on public.households for select to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id));

create policy "Users register households where their role may edit records"
on public.households for insert to authenticated
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

create policy "Users change households they read, within their writing scope"
on public.households for update to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id))
with check (grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[]));

create policy "Users reach households only to be told they are not deleted"
on public.households for delete to authenticated
using (grid_org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
       or exists (select 1 from public.household_members m where m.household_id = households.id));

create policy "Users can read the household membership of residents they read"
on public.household_members for select to authenticated
using (exists (select 1 from public.residents r where r.id = household_members.resident_id));

create policy "Users can add residents they may change to households"
on public.household_members for insert to authenticated
with check (exists (select 1 from public.residents r where r.id = household_members.resident_id
                       and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

create policy "Users change the household membership of residents they read"
on public.household_members for update to authenticated
using (exists (select 1 from public.residents r where r.id = household_members.resident_id))
with check (exists (select 1 from public.residents r where r.id = household_members.resident_id
                       and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

create policy "Users can remove residents they may change from households"
on public.household_members for delete to authenticated
using (exists (select 1 from public.residents r where r.id = household_members.resident_id
                  and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

create policy "Users can read the tags of residents they read"
on public.resident_tags for select to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id));

create policy "Users can tag residents they may change"
on public.resident_tags for insert to authenticated
with check (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                       and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

create policy "Users change the tags of residents they may change"
on public.resident_tags for update to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id))
with check (exists (select 1 from public.residents r where r.id = resident_tags.resident_id
                       and r.grid_org_unit_id = any ((select private.my_scope_units('update'))::uuid[])));

create policy "Users reach tags they read only to be told they are not deleted"
on public.resident_tags for delete to authenticated
using (exists (select 1 from public.residents r where r.id = resident_tags.resident_id));

-- History follows its subject: a person's events while the caller reads the person, a
-- household's own events while they read the household.
create policy "Users read the history of residents and households they read"
on public.resident_events for select to authenticated
using (case when resident_id is not null then exists (select 1 from public.residents r where r.id = resident_events.resident_id)
            else exists (select 1 from public.households h where h.id = resident_events.household_id) end);

-- Exactly what the API needs: no anon, no TRUNCATE, writes only on the columns a client sets
-- (the triggers set the rest), history read-only.
revoke all on public.resident_codes, public.resident_tag_kinds, public.residents, public.households,
  public.household_members, public.resident_tags, public.resident_events from anon;
grant select on public.resident_codes, public.resident_tag_kinds, public.residents, public.households,
  public.household_members, public.resident_tags, public.resident_events to authenticated, service_role;
grant insert (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id),
  update (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id, row_version),
  delete on public.residents to authenticated;
grant insert (address, household_number, grid_org_unit_id),
  update (address, household_number, grid_org_unit_id, row_version),
  delete on public.households to authenticated;
grant insert (resident_id, household_id, relation),
  update (household_id, relation, row_version),
  delete on public.household_members to authenticated;
grant insert (resident_id, tag_key, valid_from, valid_to, note),
  update (valid_from, valid_to, note, row_version),
  delete on public.resident_tags to authenticated;
