import { useCreate, useDelete, useGetIdentity, useList, useNotification } from "@refinedev/core";
import { Button, DatePicker, Flex, Form, Input, Popconfirm, Radio, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";
import { workCalendarResource, type WorkCalendarDay, type WorkCalendarKind } from "@/data/workCalendar";

const years = [2024, 2025, 2026, 2027, 2028];

/**
 * 工作日历: public holidays and 调休 working days, which deadlines in 工作日 follow (the database
 * computes them: private.add_workdays). Everyone reads it; system administrators add and
 * remove days (RLS; every change is in the audit log).
 */
export default function WorkCalendarPage() {
  const t = useT();
  const { open } = useNotification();
  const { data: identity } = useGetIdentity<Identity>();
  const editable = identity?.roles.includes("system_admin") ?? false;
  const [year, setYear] = useState(() => Math.min(Math.max(dayjs().year(), years[0]), years[years.length - 1]));
  const { result, query } = useList<WorkCalendarDay>({
    resource: workCalendarResource,
    filters: [
      { field: "day", operator: "gte", value: `${year}-01-01` },
      { field: "day", operator: "lte", value: `${year}-12-31` },
    ],
    sorters: [{ field: "day", order: "asc" }],
    pagination: { mode: "off" },
    meta: { select: "day,kind,name" },
  });
  const { mutateAsync: create } = useCreate();
  const { mutateAsync: remove } = useDelete();
  const [form] = Form.useForm<{ day: Dayjs; kind: WorkCalendarKind; name: string }>();

  const add = async (values: { day: Dayjs; kind: WorkCalendarKind; name: string }) => {
    const day = values.day.format("YYYY-MM-DD");
    await create({ resource: workCalendarResource, values: { day, kind: values.kind, name: values.name?.trim() ?? "" }, successNotification: false });
    open?.({ type: "success", message: t("work_calendar.saved", { day }) });
    form.resetFields();
  };

  return (
    <>
      <Typography.Title level={3}>{t("work_calendar.work_calendar")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("work_calendar.intro")}</Typography.Paragraph>
      <Flex wrap gap={16} align="center" style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t("work_calendar.year")}
          optionType="button"
          value={year}
          onChange={(e) => setYear(e.target.value as number)}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {editable && (
          <Form form={form} layout="inline" onFinish={(values) => void add(values)} initialValues={{ kind: "holiday" }}>
            <Form.Item name="day" rules={[{ required: true }]}>
              <DatePicker aria-label={t("work_calendar.columns.day")} />
            </Form.Item>
            <Form.Item name="kind">
              <Radio.Group
                options={[
                  { value: "holiday", label: t("work_calendar.kinds.holiday") },
                  { value: "workday", label: t("work_calendar.kinds.workday") },
                ]}
              />
            </Form.Item>
            <Form.Item name="name">
              <Input aria-label={t("work_calendar.columns.name")} placeholder={t("work_calendar.columns.name")} maxLength={60} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t("work_calendar.add")}
            </Button>
          </Form>
        )}
      </Flex>
      <Table<WorkCalendarDay>
        rowKey="day"
        size="middle"
        loading={query.isFetching}
        dataSource={result.data}
        pagination={false}
        locale={{ emptyText: t("work_calendar.empty") }}
        columns={[
          { key: "day", title: t("work_calendar.columns.day"), dataIndex: "day" },
          {
            key: "weekday",
            title: t("work_calendar.columns.weekday"),
            render: (_, row) => t(`work_calendar.weekdays.${(dayjs(row.day).day() || 7) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`),
          },
          {
            key: "kind",
            title: t("work_calendar.columns.kind"),
            render: (_, row) => <Tag color={row.kind === "holiday" ? "red" : "blue"}>{t(`work_calendar.kinds.${row.kind}`)}</Tag>,
          },
          { key: "name", title: t("work_calendar.columns.name"), dataIndex: "name" },
          ...(editable
            ? [
                {
                  key: "actions",
                  title: t("work_calendar.columns.actions"),
                  render: (_: unknown, row: WorkCalendarDay) => (
                    <Popconfirm
                      title={`${t("work_calendar.remove")} ${row.day}?`}
                      onConfirm={async () => {
                        await remove({ resource: workCalendarResource, id: row.day, meta: { idColumnName: "day" }, successNotification: false });
                        open?.({ type: "success", message: t("work_calendar.removed", { day: row.day }) });
                      }}
                    >
                      <Button size="small" danger>
                        {t("work_calendar.remove")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
