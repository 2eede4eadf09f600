-- A handful of SYNTHETIC registered residents (domain.md §6; is_synthetic) so the registry is not
-- empty on a fresh demo: people in 牯牛坪社区's first two grids and in 湾溪社区, one household
-- with its head, spouse and grandchild (GB/T 4761 relations), and a few tags. ID numbers use
-- the 吉首市 county code with a real birth date and a correct GB 11643 check character; phones
-- are format-valid only. The registry triggers check and mask them as for any write (the seed
-- runs as postgres, which no scope check holds). The applicants of the demo records join them
-- in 50_link_demo_residents.sql (issue 12, item 8).
create temporary table seed_residents (key text primary key, name text, first17 text, phone text, ethnicity text,
                                        political_status text, marital_status text, address text, grid_code text) on commit drop;
insert into seed_residents values
  ('head',    '向德福', '43310119440312001', '13907430101', '15', '01', '20', '吉首市吉凤街道牯牛坪社区 2组 6号', '433101009001001'),
  ('spouse',  '彭桂英', '43310119460805002', null,          '15', '13', '20', '吉首市吉凤街道牯牛坪社区 2组 6号', '433101009001001'),
  ('grandson','向子墨', '43310120120115003', null,          '15', null, '10', '吉首市吉凤街道牯牛坪社区 2组 6号', '433101009001001'),
  ('veteran', '龙建国', '43310119580620005', '13807432202', '06', '01', '20', '吉首市吉凤街道牯牛坪社区 4组 15号', '433101009001002'),
  ('alone',   '田秀兰', '43310119400910006', '07438221234', '15', '13', '30', '吉首市吉凤街道牯牛坪社区 5组 3号', '433101009001002'),
  ('wanxi',   '石光明', '43310119750402007', '13974302303', '06', '13', '20', '吉首市吉凤街道湾溪社区 1组 9号', '433101009002001');

-- 户籍 (hukou_region, hukou_address): the 吉首市 people are registered where they live; 石光明
-- (湾溪社区) holds his 户籍 in 龙山县 (433130), so his 本地户籍 is no
insert into public.residents (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id, is_synthetic,
                              hukou_region, hukou_address)
select s.name, s.first17 || private.id_number_check_char(s.first17), s.phone, s.ethnicity, s.political_status, s.marital_status,
       s.address, u.id, true,
       case when s.key = 'wanxi' then '433130' else left(s.grid_code, 12) end,
       case when s.key = 'wanxi' then '湖南省龙山县民安街道 3组 21号' else '湖南省' || s.address end
  from seed_residents s join public.org_units u on u.code = s.grid_code
 order by s.key;

with h as (
  insert into public.households (address, household_number, grid_org_unit_id, is_synthetic)
  select '吉首市吉凤街道牯牛坪社区 2组 6号', '430010260001', u.id, true from public.org_units u where u.code = '433101009001001'
  returning id
)
insert into public.household_members (resident_id, household_id, relation)
select r.id, h.id, m.relation
  from h
 cross join (values ('head', '02'), ('spouse', '10'), ('grandson', '41')) m(key, relation)
  join seed_residents s on s.key = m.key
  join public.residents r on r.name = s.name and r.is_synthetic;

insert into public.resident_tags (resident_id, tag_key, valid_from, note)
select r.id, t.tag_key, t.valid_from::date, t.note
  from (values ('head', 'party_member', '1975-07-01', ''), ('veteran', 'veteran', '1982-10-01', '退役士兵'),
               ('veteran', 'party_member', '1980-05-04', ''), ('alone', 'living_alone_elderly', '2021-03-01', '子女在外地'),
               ('alone', 'dibao', '2023-01-01', ''), ('wanxi', 'volunteer', '2024-06-01', '')) t(key, tag_key, valid_from, note)
  join seed_residents s on s.key = t.key
  join public.residents r on r.name = s.name and r.is_synthetic;
