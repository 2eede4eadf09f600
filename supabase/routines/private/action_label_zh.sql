-- The Chinese name of a permission action, as the 权限 pages show it (i18n permissions.actions),
-- for refusals the administrator reads.
create or replace function private.action_label_zh(p_action text) returns text
language sql immutable set search_path = '' as $$
  select coalesce((jsonb_build_object('read', '查看', 'create', '新建', 'update', '编辑', 'delete', '删除',
                                      'export', '导出', 'view_sensitive', '查看敏感信息')) ->> p_action, p_action)
$$;
