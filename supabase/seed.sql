-- Demo data for a fresh database (npm start / db:reset). All people are synthetic;
-- app_settings.demo_mode makes the UI watermark 演示数据 / Demo data.
-- Org names and codes follow shared/research/domain.md §6 (湘西州, 2022 statistical codes);
-- codes of communities whose official code was not verified are assigned in sequence.

insert into public.app_settings (key, value) values ('demo_mode', 'true');

create temporary table seed_units (code text primary key, parent_code text, name text, level text, sort_order int) on commit drop;

insert into seed_units values
  ('433100', null, '湘西土家族苗族自治州', 'prefecture', 0),
  ('433101', '433100', '吉首市', 'county', 1),
  ('433122', '433100', '泸溪县', 'county', 2),
  ('433123', '433100', '凤凰县', 'county', 3),
  ('433124', '433100', '花垣县', 'county', 4),
  ('433125', '433100', '保靖县', 'county', 5),
  ('433126', '433100', '古丈县', 'county', 6),
  ('433127', '433100', '永顺县', 'county', 7),
  ('433130', '433100', '龙山县', 'county', 8),
  ('433101002', '433101', '峒河街道', 'street', 2),
  ('433101004', '433101', '乾州街道', 'street', 4),
  ('433101005', '433101', '镇溪街道', 'street', 5),
  ('433101007', '433101', '石家冲街道', 'street', 7),
  ('433101008', '433101', '双塘街道', 'street', 8),
  ('433101009', '433101', '吉凤街道', 'street', 9),
  ('433122107', '433122', '武溪镇', 'street', 107),
  ('433122108', '433122', '浦市镇', 'street', 108),
  ('433123101', '433123', '廖家桥镇', 'street', 101),
  ('433123109', '433123', '沱江镇', 'street', 109),
  ('433124108', '433124', '边城镇', 'street', 108),
  ('433124109', '433124', '花垣镇', 'street', 109),
  ('433125109', '433125', '迁陵镇', 'street', 109),
  ('433125110', '433125', '清水坪镇', 'street', 110),
  ('433126101', '433126', '古阳镇', 'street', 101),
  ('433126104', '433126', '默戎镇', 'street', 104),
  ('433127103', '433127', '芙蓉镇', 'street', 103),
  ('433127116', '433127', '灵溪镇', 'street', 116),
  ('433130001', '433130', '民安街道', 'street', 1),
  ('433130002', '433130', '华塘街道', 'street', 2),
  ('433130004', '433130', '兴隆街道', 'street', 4),
  ('433130005', '433130', '石羔街道', 'street', 5),
  ('433130116', '433130', '里耶镇', 'street', 116),
  ('433101009001', '433101009', '牯牛坪社区', 'community', 1),
  ('433101009002', '433101009', '湾溪社区', 'community', 2),
  ('433101009003', '433101009', '木林坪社区', 'community', 3),
  ('433101009004', '433101009', '捧捧坳社区', 'community', 4),
  ('433101009005', '433101009', '双河社区', 'community', 5),
  ('433101009006', '433101009', '龙凤社区', 'community', 6),
  ('433101007001', '433101007', '石家冲社区', 'community', 1),
  ('433101007002', '433101007', '荣昌坪社区', 'community', 2),
  ('433101007003', '433101007', '营庄社区', 'community', 3),
  ('433101008001', '433101008', '周家寨社区', 'community', 1),
  ('433101008200', '433101008', '双塘村', 'community', 200),
  ('433101008201', '433101008', '坨丰村', 'community', 201),
  ('433101002001', '433101002', '峒河社区', 'community', 1),
  ('433124109001', '433124109', '三角岩社区', 'community', 1),
  ('433124109002', '433124109', '柑子园社区', 'community', 2),
  ('433124109003', '433124109', '老正街社区', 'community', 3),
  ('433124109004', '433124109', '西长街社区', 'community', 4),
  ('433124109012', '433124109', '城北社区', 'community', 12),
  ('433124109014', '433124109', '城南社区', 'community', 14),
  ('433127103001', '433127103', '芙蓉镇新区社区', 'community', 1),
  ('433125110001', '433125110', '清水坪社区', 'community', 1),
  ('433130004200', '433130004', '太平山村', 'community', 200);

-- 2–4 grids per community, 15-digit codes: community code + 3-digit sequence.
insert into seed_units
select c.code || lpad(g::text, 3, '0'), c.code,
       '第' || (array['一','二','三','四'])[g] || '网格', 'grid', g
  from seed_units c
 cross join lateral generate_series(1, 2 + (substr(c.code, 12, 1)::int + substr(c.code, 10, 2)::int) % 3) g
 where c.level = 'community';

do $$
declare
  lvl text;
begin
  foreach lvl in array array['prefecture', 'county', 'street', 'community', 'grid'] loop
    insert into public.org_units (parent_id, code, name, level, sort_order)
    select p.id, s.code, s.name, s.level, s.sort_order
      from seed_units s
      left join public.org_units p on p.code = s.parent_code
     where s.level = lvl
     order by s.code;
  end loop;
end;
$$;

-- Demo staff accounts (password Demo@2026, bcrypt cost 10 as GoTrue hashes), shaped like rows GoTrue writes, so the same
-- seed works on hosted Supabase. Names are synthetic.
create temporary table seed_people (id uuid, email text, phone text, display_name text, role_key text, unit_code text) on commit drop;
insert into seed_people values
  ('6a1e0000-0000-4000-8000-000000000001', 'admin@demo.local', '8613800000001', '田晓梅', 'community_admin', '433101009001'),
  ('6a1e0000-0000-4000-8000-000000000002', 'staff@demo.local', '8613800000002', '彭丽', 'staff', '433101009001'),
  ('6a1e0000-0000-4000-8000-000000000003', 'grid@demo.local', '8613800000003', '龙建军', 'grid_worker', '433101009001001'),
  ('6a1e0000-0000-4000-8000-000000000004', 'leader@demo.local', '8613800000004', '向国华', 'leader', '433101'),
  -- 街道 staff at 吉凤街道: approves what 牯牛坪社区 sends up (老年优待证 街道审核, 吹哨报到)
  ('6a1e0000-0000-4000-8000-000000000005', 'street@demo.local', '8613800000005', '石秀英', 'staff', '433101009'),
  -- 街道领导 at 吉凤街道: the cockpit of a street (its six communities), the scope a leader is measured on
  ('6a1e0000-0000-4000-8000-000000000006', 'streetleader@demo.local', '8613800000006', '麻永刚', 'leader', '433101009');

insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email, phone,
       extensions.crypt('Demo@2026', extensions.gen_salt('bf', 10)), now(), now(),
       '{"provider": "email", "providers": ["email", "phone"]}', jsonb_build_object('display_name', display_name, 'synthetic', true),
       now(), now(), '', '', '', ''
  from seed_people;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true), 'email', now(), now(), now()
  from seed_people;

insert into public.memberships (user_id, org_unit_id, role_key)
select p.id, u.id, p.role_key
  from seed_people p join public.org_units u on u.code = p.unit_code;
