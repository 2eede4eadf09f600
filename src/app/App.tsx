// Composition root: providers, theme, locale and routes. Nothing here knows a specific page.
import { Refine } from "@refinedev/core";
import routerProvider, { DocumentTitleHandler, UnsavedChangesNotifier } from "@refinedev/react-router";
import { App as AntdApp, ConfigProvider } from "antd";
import type { Locale } from "antd/es/locale";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import { useMemo } from "react";
import { BrowserRouter } from "react-router";
import { translateIn, useLocale, type LocaleKey } from "@/i18n";
import { AppRoutes } from "./AppRoutes";
import { accessControlProvider } from "./providers/accessControlProvider";
import { authProvider } from "./providers/authProvider";
import { dataProvider } from "./providers/dataProvider";
import { createI18nProvider } from "./providers/i18nProvider";
import { useAppNotificationProvider } from "./providers/notificationProvider";
import { refineResources } from "./resources";

// From antd/es: in a "type": "module" app, antd/locale/* resolves to CommonJS and stays English.
const antdLocales: Record<LocaleKey, Locale> = { "zh-CN": zhCN, en: enUS };

// antd puts a space between two CJK characters in buttons ("登 录"); it reads oddly and breaks
// matching buttons by their accessible name ("登录", "保存").
const buttonConfig = { autoInsertSpace: false };

// Lists refetch when the window regains focus (there is no realtime in the local stack).
const reactQuery = { clientConfig: { defaultOptions: { queries: { refetchOnWindowFocus: true } } } };

export default function App() {
  const locale = useLocale();
  const i18nProvider = useMemo(() => createI18nProvider(locale), [locale]);

  return (
    <BrowserRouter>
      <ConfigProvider locale={antdLocales[locale]} button={buttonConfig}>
        {/* Toasts at the bottom right: at the top they covered 退出登录 and a record's action buttons
            (and stayed while the pointer rested on them). */}
        <AntdApp notification={{ placement: "bottomRight" }}>
          <Refine
            routerProvider={routerProvider}
            dataProvider={dataProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            notificationProvider={useAppNotificationProvider}
            resources={refineResources}
            options={{
              syncWithLocation: true,
              warnWhenUnsavedChanges: true,
              disableTelemetry: true,
              reactQuery,
            }}
          >
            <AppRoutes />
            <UnsavedChangesNotifier />
            {/* Keyed by locale: the handler only re-runs on navigation otherwise. */}
            <DocumentTitleHandler
              key={locale}
              handler={({ resource }) => {
                const label = resource?.name ? resource.meta?.label : undefined;
                return label ? `${label}${translateIn(locale, "documentTitle.suffix")}` : translateIn(locale, "documentTitle.default");
              }}
            />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
