-- The demo records' applicants in the registry (issue 12, item 8), as the migration that
-- introduced private.link_records_to_residents does on a real upgrade: every record of a service
-- whose definition maps a name and an ID number (prefillFrom) — 老年优待's and 优待证's — is
-- linked to the person holding its normalised ID number, registered from its answers when new
-- (source 'record', the record's id). After 30_demo_records.sql (the records) and
-- 40_demo_residents.sql (people registered by hand, whose records link to them).
select private.link_records_to_residents();
