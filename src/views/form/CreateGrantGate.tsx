import { useGetIdentity } from "@refinedev/core";
import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Identity } from "@/data/myContext";
import { useT } from "@/i18n";
import type { LoadedService } from "../hooks/useServiceByKey";
import { serviceListPath } from "../menu/useServiceMenu";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { serviceName } from "../shared/serviceName";
import { allRoleKeys, mayDo } from "../shared/servicePermissions";

/**
 * The create form only for users whose roles may create in this service (the grants the list's
 * 新建 button reads): someone who opens a create link without the grant learns it before typing
 * a whole form that the database would refuse on save.
 */
export function CreateGrantGate({ service, children }: { service: LoadedService; children: ReactNode }) {
  const t = useT();
  const language = useFieldLanguage();
  const { data: identity } = useGetIdentity<Identity>();
  if (mayDo(service.definition, allRoleKeys(identity?.memberships ?? []), "create")) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t("records.form.createForbiddenTitle")}
      subTitle={t("records.form.createForbidden", { service: serviceName(service, language) })}
      extra={
        <Link to={serviceListPath(service.key)}>
          <Button type="primary">{t("records.form.backToList")}</Button>
        </Link>
      }
    />
  );
}
