import { Input, Select, Space } from "antd";
import { pickText } from "@/contract";
import { patternPresets } from "./patternPresets";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface PatternInputProps {
  id: string;
  pattern: string | undefined;
  /** sets the pattern and, for a preset, its message in both languages when none was written */
  onChange(pattern: string | undefined, message?: { zh: string; en: string }): void;
}

const custom = "__custom__";
const none = "__none__";

/** 格式规则: a named format (邮政编码, 统一社会信用代码…), or a regular expression for those who write one. */
export function PatternInput({ id, pattern, onChange }: PatternInputProps) {
  const { t, language } = useFormDesignerTexts();
  const preset = patternPresets.find((candidate) => candidate.pattern === pattern);
  const choice = pattern === undefined ? none : (preset?.key ?? custom);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Select
        id={id}
        value={choice}
        onChange={(key: string) => {
          const picked = patternPresets.find((candidate) => candidate.key === key);
          if (picked) onChange(picked.pattern, picked.message);
          else if (key === none) onChange(undefined);
          else onChange(pattern ?? "^.+$");
        }}
        options={[
          { value: none, label: t("formDesigner.option.patternNone") },
          ...patternPresets.map((candidate) => ({ value: candidate.key, label: pickText(language, candidate.name.zh, candidate.name.en) })),
          { value: custom, label: t("formDesigner.option.patternCustom") },
        ]}
      />
      {choice === custom && (
        <Input aria-label={t("formDesigner.option.patternCustom")} value={pattern ?? ""} onChange={(event) => onChange(event.target.value || undefined)} />
      )}
    </Space>
  );
}
