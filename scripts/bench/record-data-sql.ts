// Session-local SQL functions that make one record's answers: a synthetic person (name, an ID
// number of the unit's county with a real birth date and a correct check character, a
// format-valid mobile number), file descriptors, and the fields each service's workflow
// state implies (card number once a card is made, the result once an event is resolved, the
// escalation level and departments once it went up). Every answer passes the template's rules;
// the database's own validation trigger checks each generated record.

export const recordDataFunctions = String.raw`
create function pg_temp.pick(choices text[]) returns text
language sql volatile as $$ select choices[1 + floor(random() * array_length(choices, 1))::int] $$;

create function pg_temp.digits(n int) returns text
language sql volatile as $$ select string_agg(floor(random() * 10)::int::text, '') from generate_series(1, n) $$;

create function pg_temp.id_number(county text, born date) returns text
language sql volatile as $$
  select first17 || private.id_number_check_char(first17)
    from (select county || to_char(born, 'YYYYMMDD') || pg_temp.digits(3) as first17) f
$$;

create function pg_temp.person_name() returns text
language sql volatile as $$
  select pg_temp.pick(array['彭', '田', '向', '覃', '冉', '王', '吴', '龙', '石', '麻', '廖', '杨', '张', '李', '刘', '陈', '黄', '周'])
      || pg_temp.pick(array['秀英', '桂兰', '玉珍', '建国', '国华', '德明', '丽', '海燕', '小红', '军', '勇', '梓涵', '欣怡', '浩然', '宇轩'])
$$;

create function pg_temp.mobile() returns text
language sql volatile as $$
  select pg_temp.pick(array['135', '137', '139', '150', '152', '158', '173', '180', '187', '199']) || pg_temp.digits(8)
$$;

create function pg_temp.files(name text, mime text, size int) returns jsonb
language sql volatile as $$
  select jsonb_build_array(jsonb_build_object('path', 'bench/' || gen_random_uuid() || right(name, 4), 'name', name, 'size', size, 'mime', mime))
$$;

create function pg_temp.record_data(service_key text, state text, lift int, grid_id uuid, community_id uuid, county text, place text)
returns jsonb language plpgsql volatile as $$
declare
  data jsonb;
  born date;
  kind text;
  category text;
begin
  if service_key = 'elderly_benefit' then
    kind := case when state in ('paying', 'terminated', 'publicity') then 'allowance'
                 when state in ('ready', 'issued') then 'card'
                 when random() < 0.7 then 'card' else 'allowance' end;
    born := current_date - ((case when kind = 'card' then 60 else 80 end) * 366 + floor(random() * 12000)::int);
    data := jsonb_build_object(
      'benefit_type', kind,
      'applicant_name', pg_temp.person_name(),
      'applicant_id_number', pg_temp.id_number(county, born),
      'age', extract(year from age(current_date, born))::int,
      'applicant_phone', pg_temp.mobile(),
      'grid', grid_id,
      'address', place || ' ' || (1 + floor(random() * 12)::int) || '组 ' || (1 + floor(random() * 40)::int) || '号',
      'hukou_local', random() < 0.85);
    if not (data -> 'hukou_local')::boolean then
      data := data || jsonb_build_object('residence_proof', pg_temp.files('居住证明.pdf', 'application/pdf', 180000));
    end if;
    if kind = 'card' then
      data := data || jsonb_build_object('photo', pg_temp.files('证件照.jpg', 'image/jpeg', 48000));
      if state in ('ready', 'issued') then
        data := data || jsonb_build_object('card_no', 'LY' || pg_temp.digits(10));
      end if;
    else
      data := data || jsonb_build_object('bank_card_no', '6217' || pg_temp.digits(15));
    end if;
    if random() < 0.25 then
      data := data || jsonb_build_object('proxy_name', pg_temp.person_name(), 'proxy_relation', pg_temp.pick(array['20', '30', '40']),
                                         'proxy_phone', pg_temp.mobile());
    end if;
  elsif service_key = 'veteran_card' then
    kind := case when random() < 0.8 then 'veteran' else pg_temp.pick(array['martyr_family', 'duty_death_family', 'illness_death_family']) end;
    born := current_date - (32 * 366 + floor(random() * 53 * 365)::int);
    data := jsonb_build_object(
      'card_type', kind,
      'applicant_name', pg_temp.person_name(),
      'applicant_id_number', pg_temp.id_number(county, born),
      'applicant_phone', pg_temp.mobile(),
      'community', community_id,
      'archive_registered', state not in ('submitted', 'returned', 'withdrawn') or random() < 0.9,
      'bank', pg_temp.pick(array['icbc', 'abc', 'psbc', 'ceb']),
      'photo', pg_temp.files('证件照.jpg', 'image/jpeg', 40000));
    if kind = 'veteran' then
      data := data || jsonb_build_object(
        'service_branch', pg_temp.pick(array['pla', 'pla', 'pla', 'armed_police']),
        'enlist_date', to_char(born + interval '18 years 9 months', 'YYYY-MM-DD'),
        'discharge_date', to_char(born + interval '18 years 9 months' + make_interval(years => 2 + floor(random() * 10)::int), 'YYYY-MM-DD'));
    else
      data := data || jsonb_build_object('deceased_name', pg_temp.person_name(), 'relation_to_deceased', pg_temp.pick(array['10', '50', '20', '30']));
    end if;
    if state in ('received_by_county', 'handed_out') then
      data := data || jsonb_build_object('card_no', '6231' || pg_temp.digits(15));
    end if;
  else
    category := pg_temp.pick(array['sanitation', 'sanitation', 'municipal', 'property', 'property', 'fire_safety', 'dispute',
                                   'public_security', 'vulnerable_care', 'other']);
    data := jsonb_build_object(
      'category', category,
      'title', case category
        when 'sanitation' then pg_temp.pick(array['楼道堆放杂物', '垃圾桶满溢未清运', '绿化带积水发臭'])
        when 'municipal' then pg_temp.pick(array['路灯不亮', '人行道地砖松动', '下水道井盖缺失'])
        when 'property' then pg_temp.pick(array['电梯频繁故障', '单元门禁损坏', '物业费公示不清'])
        when 'fire_safety' then pg_temp.pick(array['电动车楼道充电', '消防通道被占用', '灭火器过期'])
        when 'dispute' then pg_temp.pick(array['邻里噪音纠纷', '楼上漏水引发纠纷'])
        when 'public_security' then pg_temp.pick(array['夜间有陌生人徘徊', '监控探头损坏'])
        when 'vulnerable_care' then pg_temp.pick(array['独居老人多日未出门', '残疾人出行不便需帮扶'])
        else pg_temp.pick(array['流浪犬扰民', '广场舞音量过大']) end,
      'description', '居民反映情况属实，网格员已到现场查看并拍照，需要按规定处置并反馈。',
      'photos', pg_temp.files('现场.jpg', 'image/jpeg', 350000),
      'address', place || ' ' || pg_temp.pick(array['和美家园', '锦绣苑', '峒河雅居', '凤凰小区']) || ' '
                 || (1 + floor(random() * 12)::int) || '栋' || (1 + floor(random() * 3)::int) || '单元',
      'grid', grid_id,
      'urgency', pg_temp.pick(array['red', 'yellow', 'yellow', 'blue', 'blue']));
    if lift = 1 then
      data := data || jsonb_build_object('level', 'l2_community');
    elsif lift = 2 then
      data := data || jsonb_build_object('level', 'l3_street', 'departments', pg_temp.pick(array['城管、住建', '派出所', '供电公司、住建']));
    end if;
    if state in ('resolved', 'closed') then
      data := data || jsonb_build_object('result', '已协调相关方完成处置，现场恢复正常。');
    end if;
    if state = 'closed' and random() < 0.6 then
      data := data || jsonb_build_object('satisfaction', pg_temp.pick(array['satisfied', 'satisfied', 'basically', 'unsatisfied']));
    end if;
    if random() < 0.5 then
      data := data || jsonb_build_object('reporter_name', pg_temp.person_name(), 'reporter_phone', pg_temp.mobile());
    end if;
  end if;
  return data;
end;
$$;
`;
