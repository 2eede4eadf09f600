-- Lists filtered by status (待受理, 办理中 …) count the visible rows: RLS bounds the scan by
-- service and unit, the filter by status. With (service_id, status, org_unit_id) the count is
-- an index-only scan; without it Postgres read (service_id, org_unit_id) and checked status in
-- the heap (docs/benchmarks.md, "status filter + count").
create index records_status_scope_idx on public.records (service_id, status, org_unit_id) where deleted_at is null;
