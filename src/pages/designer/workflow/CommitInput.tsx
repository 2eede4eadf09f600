import { Input } from "antd";
import { useEffect, useState } from "react";

type Props = {
  id?: string;
  value: string | undefined;
  /** called with the trimmed text when the user leaves the box or presses Enter, if it changed */
  onCommit: (value: string) => void;
  placeholder?: string;
  "aria-label"?: string;
};

/**
 * A text box that changes the draft once per edit, not per keystroke: each change is one step in
 * the designer's undo history ("修改状态名称"), and a key is never derived from half a word.
 */
export function CommitInput({ id, value, onCommit, placeholder, "aria-label": ariaLabel }: Props) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  const commit = () => {
    if (text.trim() !== (value ?? "")) onCommit(text.trim());
  };
  return (
    <Input
      id={id}
      value={text}
      placeholder={placeholder}
      aria-label={ariaLabel}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
