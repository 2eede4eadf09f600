-- The benchmark at 1,000,000 records (438,599 grid events) still had three figures off target,
-- all for one reason: an index that reaches the rows of a service but not by unit makes the
-- records policy test every row's unit against the caller's list of units (a filter that walks
-- the whole array per row), where the hand-written table's index starts at the unit.
--   * field filter + count (urgency = red): 2.4× for a street's staff, 3.2× for the prefecture;
--     the slot indexes had the unit only as an included column. They now key it after the
--     value: (service_id, slot, org_unit_id, id), so the unit test is an index condition. A
--     list sorted on a slot breaks ties by unit, then id, in the sort's direction
--     (recordListQuery), which this index returns in order.
--   * overdue: 1.7× for staff; the due-date index now keys the unit and carries what the
--     terminal-state test reads (status, service_version), so it is answered from the index.
--   * count by month for staff: 2.3×; the scope index now also keys created_at, so a street's
--     share of a service is read by unit, not by walking the service's whole history.
-- Hand-written DDL only; no routine changes.

drop index public.records_idx_text_1_idx;
drop index public.records_idx_text_2_idx;
drop index public.records_idx_text_3_idx;
drop index public.records_idx_text_4_idx;
drop index public.records_idx_text_5_idx;
drop index public.records_idx_text_6_idx;
drop index public.records_idx_num_1_idx;
drop index public.records_idx_num_2_idx;
create index records_idx_text_1_idx on public.records (service_id, idx_text_1, org_unit_id, id) where deleted_at is null;
create index records_idx_text_2_idx on public.records (service_id, idx_text_2, org_unit_id, id) where deleted_at is null;
create index records_idx_text_3_idx on public.records (service_id, idx_text_3, org_unit_id, id) where deleted_at is null;
create index records_idx_text_4_idx on public.records (service_id, idx_text_4, org_unit_id, id) where deleted_at is null;
create index records_idx_text_5_idx on public.records (service_id, idx_text_5, org_unit_id, id) where deleted_at is null;
create index records_idx_text_6_idx on public.records (service_id, idx_text_6, org_unit_id, id) where deleted_at is null;
create index records_idx_num_1_idx on public.records (service_id, idx_num_1, org_unit_id, id) where deleted_at is null;
create index records_idx_num_2_idx on public.records (service_id, idx_num_2, org_unit_id, id) where deleted_at is null;

drop index public.records_service_due_at_idx;
create index records_service_due_at_idx on public.records (service_id, due_at, org_unit_id) include (id, status, service_version)
  where deleted_at is null and due_at is not null;

drop index public.records_scope_idx;
create index records_scope_idx on public.records (service_id, org_unit_id, created_at) include (id) where deleted_at is null;
