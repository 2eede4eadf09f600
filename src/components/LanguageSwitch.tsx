import { Segmented } from "antd";
import { setLocale, useLocale, useT, type LocaleKey } from "@/i18n";

// Each language is named in itself, so a user who cannot read the current one still finds theirs.
const options: { value: LocaleKey; label: string }[] = [
  { value: "zh-CN", label: "中文" },
  { value: "en", label: "English" },
];

export function LanguageSwitch({ size }: { size?: "small" | "middle" | "large" }) {
  const locale = useLocale();
  const t = useT();
  return <Segmented<LocaleKey> aria-label={t("app.language")} size={size} value={locale} options={options} onChange={(value) => setLocale(value)} />;
}
