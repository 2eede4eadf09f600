import { ThemedTitle } from "@refinedev/antd";
import type { TitleProps } from "@refinedev/core";
import { ClusterOutlined } from "@ant-design/icons";
import { useT } from "@/i18n";

export function AppTitle({ collapsed }: TitleProps) {
  const t = useT();
  return <ThemedTitle collapsed={collapsed} icon={<ClusterOutlined />} text={t("app.title")} />;
}
