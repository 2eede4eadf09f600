// One dialog for every way a service starts — blank, copy, template, definition file: a name and
// an owner unit the admin administers; the key is made from the name (pinyin) and kept free.
// The database decides whether the admin may create there (create_service).
import { useNotification } from "@refinedev/core";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { Json } from "@/data/database.types";
import { createService } from "@/data/serviceAdmin";
import { useT } from "@/i18n";
import { toHttpError } from "@/lib/supabase/errors";
import { useErrorText } from "@/views/shared/useErrorText";
import type { DraftDefinition } from "../designer/designerDoc";
import { keyFromLabel } from "../designer/keyFromLabel";
import { ScopeUnitSelect } from "../members/ScopeUnitSelect";
import { useAdminScope } from "../members/useAdminScope";
import { useRefreshServices, useServiceList } from "./useServiceList";

export interface NewServiceRequest {
  title: string;
  initialName: string;
  /** the definition to create, under the key and name chosen here */
  build(key: string, name: string): DraftDefinition;
  /** shown above the form (what is being copied, installed or imported) */
  note?: ReactNode;
  /** the key the source asks for (a template's, a file's); used when free */
  preferredKey?: string;
}

export function NewServiceModal({ request, onClose }: { request: NewServiceRequest | null; onClose(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const { open } = useNotification();
  const errorText = useErrorText();
  const scope = useAdminScope();
  const services = useServiceList();
  const refresh = useRefreshServices();
  const [name, setName] = useState("");
  const [unitId, setUnitId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const ownerUnits = useMemo(() => scope.scopeUnits.filter((unit) => unit.level !== "grid"), [scope.scopeUnits]);
  useEffect(() => {
    if (!request) return;
    setName(request.initialName);
    setTouched(false);
    setUnitId((current) => current ?? scope.adminUnitIds[0]);
  }, [request, scope.adminUnitIds]);

  const taken = useMemo(() => (services.data ?? []).map((service) => service.key), [services.data]);
  const key = useMemo(() => {
    if (request?.preferredKey && !taken.includes(request.preferredKey)) return request.preferredKey;
    return keyFromLabel(name.trim() || request?.preferredKey || "service", taken, "service");
  }, [name, taken, request]);

  const nameMissing = name.trim() === "";
  const submit = async () => {
    setTouched(true);
    if (!request || nameMissing || !unitId) return;
    setBusy(true);
    try {
      const created = await createService(request.build(key, name.trim()) as unknown as Json, unitId);
      await refresh();
      open?.({ type: "success", message: t("services.manage.created", { name: name.trim() }) });
      onClose();
      navigate(`/services/${created.id}/design/basics`);
    } catch (e) {
      open?.({ type: "error", message: t("services.manage.createFailed"), description: errorText(toHttpError(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={request?.title}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: busy, disabled: ownerUnits.length === 0 }}
      destroyOnHidden
    >
      {request?.note}
      {ownerUnits.length === 0 && !scope.isLoading ? (
        <Alert type="warning" showIcon message={t("services.manage.noAdminUnits")} />
      ) : (
        <Form layout="vertical" onFinish={submit}>
          <Form.Item
            label={t("services.manage.name")}
            htmlFor="new-service-name"
            required
            validateStatus={touched && nameMissing ? "error" : undefined}
            help={touched && nameMissing ? t("services.manage.nameRequired") : undefined}
          >
            <Input
              id="new-service-name"
              value={name}
              maxLength={60}
              placeholder={t("services.manage.namePlaceholder")}
              onChange={(e) => setName(e.target.value)}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t("services.manage.key", { key })}
          </Typography.Paragraph>
          <Form.Item label={t("services.manage.owner")} htmlFor="new-service-owner" required extra={t("services.manage.ownerHint")}>
            <ScopeUnitSelect id="new-service-owner" units={ownerUnits} value={unitId} onChange={setUnitId} invalid={touched && !unitId} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
