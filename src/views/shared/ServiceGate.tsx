import { Alert, Result } from "antd";
import type { ReactNode } from "react";
import { PageLoading } from "@/components/PageLoading";
import { useT } from "@/i18n";
import { useServiceByKey, type LoadedService } from "../hooks/useServiceByKey";
import { DefinitionErrorPage } from "./DefinitionErrorPage";
import { useErrorText } from "./useErrorText";

/** Loads the service named in the route; renders its pages only once its definition parsed. */
export function ServiceGate({ serviceKey, children }: { serviceKey: string; children: (service: LoadedService) => ReactNode }) {
  const t = useT();
  const errorText = useErrorText();
  const lookup = useServiceByKey(serviceKey);
  switch (lookup.state) {
    case "loading":
      return <PageLoading />;
    case "failed":
      return <Alert type="error" showIcon message={t("services.menuLoadFailed")} description={errorText(lookup.error)} />;
    case "not_found":
      return <Result status="404" title={t("services.notFoundTitle")} subTitle={t("services.notFound", { key: serviceKey })} />;
    case "invalid":
      return <DefinitionErrorPage name={lookup.service.name} version={lookup.service.currentVersion} errors={lookup.errors} />;
    case "ready":
      return <>{children(lookup.service)}</>;
  }
}
