// Registering or editing a person. The browser checks what the database checks (residentInput.ts)
// so most mistakes are caught while typing; the database's own refusal, if any, is shown on the
// field it names (details.field) in the reader's language. An edit sends only what changed, with
// row_version = the version read + 1: if someone saved in between, the database refuses
// (stale_registry_row) and the latest details are loaded for the user to redo their change.
import { useGetIdentity } from "@refinedev/core";
import { Alert, Form, Input, Modal, Select, TreeSelect } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { createResident, updateResident, type ResidentChanges, type ResidentRow } from "@/data/residents";
import type { Identity } from "@/data/myContext";
import { buildOrgUnitTree } from "@/field-types/org_unit/orgUnitTree";
import { useLocale, useT, type TranslationKey } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import { useOrgUnits } from "@/views/hooks/useOrgUnits";
import { useErrorText } from "@/views/shared/useErrorText";
import { addressProblem, beijingToday, checkIdNumber, checkPhone, hukouRegionValid, nameProblem, tidyText, type ResidentInputProblem } from "./residentInput";
import { useRegistryLabels, type CodeList } from "./useRegistryLabels";

type Values = {
  name: string;
  id_number: string;
  phone: string;
  ethnicity?: string;
  political_status?: string;
  marital_status?: string;
  address: string;
  hukou_region: string;
  hukou_address: string;
  grid_org_unit_id?: string;
};

const formFields = [
  "name",
  "id_number",
  "phone",
  "ethnicity",
  "political_status",
  "marital_status",
  "address",
  "hukou_region",
  "hukou_address",
  "grid_org_unit_id",
] as const;

const initialValues = (resident: ResidentRow | undefined): Values => ({
  name: resident?.name ?? "",
  id_number: "",
  phone: resident?.phone ?? "",
  ethnicity: resident?.ethnicity ?? undefined,
  political_status: resident?.political_status ?? undefined,
  marital_status: resident?.marital_status ?? undefined,
  address: resident?.address ?? "",
  hukou_region: resident?.hukou_region ?? "",
  hukou_address: resident?.hukou_address ?? "",
  grid_org_unit_id: resident?.grid_org_unit_id,
});

/** The database's hints read "中文 / English": the half in the reader's language. */
const hintIn = (hint: string, locale: string) => {
  const [zh, en] = hint.split(" / ");
  return locale === "en" && en ? en : zh;
};

const detailsOf = (details: string | undefined): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(details ?? "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

interface Props {
  /** the person as read (edit); absent: register a new person */
  resident?: ResidentRow;
  onClose(): void;
  onSaved(resident: ResidentRow): void;
  /** someone saved since `resident` was read: read it again */
  onConflict?(): void;
}

export function ResidentFormModal({ resident, onClose, onSaved, onConflict }: Props) {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const labels = useRegistryLabels();
  const units = useOrgUnits();
  const { data: identity } = useGetIdentity<Identity>();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; existing?: string } | null>(null);

  // a newer version read after a conflict replaces what the form shows
  useEffect(() => {
    if (resident) form.setFieldsValue(initialValues(resident));
  }, [form, resident]);

  const treeData = useMemo(() => {
    const mine = (identity?.memberships ?? []).map((m) => m.org_unit_id);
    const inScope = units.rows.filter((unit) => mine.some((id) => unit.path.split(".").includes(id)));
    return buildOrgUnitTree(inScope, ["grid", "community"]);
  }, [identity, units.rows]);

  const rule = (check: (value: string) => ResidentInputProblem | null) => ({
    validator: (_: unknown, value: string | undefined) => {
      const problem = check(value ?? "");
      return problem ? Promise.reject(new Error(t(`residents.form.${problem}` as TranslationKey))) : Promise.resolve();
    },
  });
  const idRule = rule((value) => {
    const checked = checkIdNumber(value, beijingToday());
    return "problem" in checked ? checked.problem : null;
  });
  const phoneRule = rule((value) => {
    if (resident && value === resident.phone) return null;
    const checked = checkPhone(value);
    return "problem" in checked ? checked.problem : null;
  });

  const changesFrom = (values: Values): ResidentChanges => {
    const phone = checkPhone(values.phone);
    const all: ResidentChanges = {
      name: tidyText(values.name),
      ethnicity: values.ethnicity ?? null,
      political_status: values.political_status ?? null,
      marital_status: values.marital_status ?? null,
      address: tidyText(values.address) || null,
      hukou_region: values.hukou_region.trim() || null,
      hukou_address: tidyText(values.hukou_address) || null,
      grid_org_unit_id: values.grid_org_unit_id,
    };
    // the mask read back keeps the stored number: send the phone only when it was changed
    if (!resident || values.phone !== resident.phone) all.phone = "value" in phone ? phone.value : values.phone;
    if (!resident) return all;
    return Object.fromEntries(Object.entries(all).filter(([key, value]) => key === "phone" || resident[key as keyof ResidentRow] !== value));
  };

  const save = async (values: Values) => {
    setSaving(true);
    setFailure(null);
    try {
      const changes = changesFrom(values);
      const saved = resident
        ? await updateResident(resident.id, resident.row_version, changes)
        : await (async () => {
            const id = checkIdNumber(values.id_number, beijingToday());
            return createResident({
              ...changes,
              name: changes.name ?? "",
              id_number: "value" in id ? id.value : values.id_number,
              grid_org_unit_id: values.grid_org_unit_id ?? "",
            });
          })();
      onSaved(saved);
    } catch (thrown) {
      const error = toHttpError(thrown);
      const details = detailsOf(error.details);
      if (error.message === "stale_registry_row") {
        setFailure({ message: t("residents.form.conflict") });
        onConflict?.();
      } else if (error.message === "resident_exists") {
        setFailure({ message: t("residents.form.exists"), existing: typeof details.resident_id === "string" ? details.resident_id : undefined });
        form.setFields([{ name: "id_number", errors: [t("residents.form.exists")] }]);
      } else {
        const text = error.i18nKey === "errors.unknown" && error.hint ? hintIn(error.hint, locale) : errorText(error);
        const field = formFields.find((name) => name === details.field);
        if (field) form.setFields([{ name: field, errors: [text] }]);
        else setFailure({ message: text });
      }
    } finally {
      setSaving(false);
    }
  };

  const codeSelect = (list: CodeList) => (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      options={labels.codes(list).map((row) => ({ value: row.code, label: labels.codeLabel(list, row.code) }))}
    />
  );

  return (
    <Modal
      open
      title={t(resident ? "residents.form.editTitle" : "residents.form.createTitle")}
      okText={t("residents.form.save")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={failure.message}
          action={failure.existing ? <Link to={`/residents/${failure.existing}`}>{t("residents.form.openExisting")}</Link> : undefined}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues(resident)} onFinish={(values) => void save(values)}>
        <Form.Item name="name" label={t("residents.fields.name")} rules={[rule(nameProblem)]} required>
          <Input maxLength={60} />
        </Form.Item>
        {!resident && (
          <Form.Item name="id_number" label={t("residents.fields.id_number")} extra={t("residents.form.idNumberHint")} rules={[idRule]} required>
            <Input maxLength={24} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t("residents.fields.phone")} extra={resident ? t("residents.form.phoneHint") : undefined} rules={[phoneRule]}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="ethnicity" label={t("residents.fields.ethnicity")}>
          {codeSelect("ethnicity")}
        </Form.Item>
        <Form.Item name="political_status" label={t("residents.fields.political_status")}>
          {codeSelect("political_status")}
        </Form.Item>
        <Form.Item name="marital_status" label={t("residents.fields.marital_status")}>
          {codeSelect("marital_status")}
        </Form.Item>
        <Form.Item name="address" label={t("residents.fields.address")} rules={[rule(addressProblem)]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
        </Form.Item>
        <Form.Item
          name="hukou_region"
          label={t("applicationReuse.hukouRegion")}
          extra={t("applicationReuse.hukouRegionHint")}
          rules={[
            {
              validator: (_: unknown, value: string | undefined) =>
                hukouRegionValid(value ?? "") ? Promise.resolve() : Promise.reject(new Error(t("applicationReuse.hukouRegionInvalid"))),
            },
          ]}
        >
          <Input maxLength={12} autoComplete="off" inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="hukou_address"
          label={t("applicationReuse.hukouAddress")}
          rules={[
            {
              validator: (_: unknown, value: string | undefined) =>
                addressProblem(value ?? "") ? Promise.reject(new Error(t("applicationReuse.hukouAddressTooLong"))) : Promise.resolve(),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
        </Form.Item>
        <Form.Item
          name="grid_org_unit_id"
          label={t("residents.fields.grid_org_unit_id")}
          extra={t("residents.form.gridHint")}
          rules={[{ required: true, message: t("residents.form.gridRequired") }]}
        >
          <TreeSelect showSearch treeNodeFilterProp="title" treeData={treeData} treeDefaultExpandAll />
        </Form.Item>
      </Form>
    </Modal>
  );
}
