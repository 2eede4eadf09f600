// A chart without a chart library (issue 11 chooses one): each bucket as a row with its label,
// its value and a bar whose width is its share of the largest. Screen readers get the list of
// "label: value"; the bars are decoration.
import { Typography } from "antd";

export type BarItem = { label: string; value: number; text: string };

const visuallyHidden = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

type Props = { items: readonly BarItem[]; label: string; muted?: boolean };

export function BarList({ items, label, muted }: Props) {
  const max = Math.max(0, ...items.map((item) => item.value));
  return (
    <ul aria-label={label} style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 6 }}>
      {items.map((item, index) => (
        <li key={`${item.label}-${index}`} style={{ display: "grid", gridTemplateColumns: "minmax(80px, 30%) 1fr auto", gap: 8, alignItems: "center" }}>
          <Typography.Text ellipsis={{ tooltip: item.label }}>
            {item.label}
            <span style={visuallyHidden}>：</span>
          </Typography.Text>
          <span aria-hidden style={{ background: "#f0f0f0", borderRadius: 3, height: 12, overflow: "hidden" }}>
            <span
              style={{
                display: "block",
                height: "100%",
                width: `${max > 0 ? (item.value / max) * 100 : 0}%`,
                background: muted ? "#d9d9d9" : "#1677ff",
              }}
            />
          </span>
          <Typography.Text strong={!muted} type={muted ? "secondary" : undefined}>
            {item.text}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
