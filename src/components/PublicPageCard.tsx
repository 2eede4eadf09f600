import { Card, Flex, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./LanguageSwitch";

type Props = { title: ReactNode; maxWidth?: number; children: ReactNode };

/** The frame of every page a visitor sees before the app: sign-in, password reset, an invitation. */
export function PublicPageCard({ title, maxWidth = 420, children }: Props) {
  const { token } = theme.useToken();
  return (
    <Flex vertical style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: token.paddingMD }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: `${token.paddingXL}px ${token.padding}px` }}>
        <Card style={{ width: "100%", maxWidth }}>
          <Typography.Title level={3} style={{ marginTop: 0, textAlign: "center" }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </Flex>
    </Flex>
  );
}
