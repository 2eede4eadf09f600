import { Result } from "antd";
import { useT } from "@/i18n";

export function ForbiddenPage() {
  const t = useT();
  return <Result status="403" title={t("access.forbiddenTitle")} subTitle={t("access.forbiddenSubtitle")} />;
}
