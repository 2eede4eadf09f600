import { Alert, Button, Input, Modal, Select, Space } from "antd";
import { useEffect, useRef, useState } from "react";
import { pickText } from "@/contract";
import { idNumberProblem, normalizeIdNumber } from "../id_number/gb11643";
import { tidyIdNumberInput } from "../id_number/tidyIdNumberInput";
import type { FieldInputProps, ResidentGrids, ResidentOption } from "../types";
import type { ResidentField } from "./definition";
import { residentQuery } from "./residentQuery";

/** Waits for a pause in typing so each keystroke does not become a request. */
const searchDelayMs = 300;

function optionLabel(person: ResidentOption, language: FieldInputProps["language"]): string {
  const born = person.birthYear ? pickText(language, `${person.birthYear}年生`, `born ${person.birthYear}`) : "";
  return [person.name, person.idNumber, born].filter(Boolean).join(" · ");
}

/**
 * Picks a person from the registry within the user's scope: by name, by pinyin initials (zdf →
 * 张德福) or by a full ID number (the database's logged exact search). Registers a person who
 * is not there yet (name + ID number); the database refuses a second person with one ID number
 * and the existing one is picked instead when the user may see them. The form fills the mapped
 * fields from the person picked (RecordForm), not this input.
 */
export function ResidentInput({ field, value, onChange, onBlur, disabled, status, id, language, loaders }: FieldInputProps<ResidentField>) {
  const [options, setOptions] = useState<ResidentOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ name: "", idNumber: "", gridId: undefined as string | undefined });
  // where the new person lives: the grid the form names, else one of the user's grids (never silently the first)
  const [grids, setGrids] = useState<ResidentGrids | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // the person the value names, for its label: picked from the list, registered, or read once
  // (an edit opens with a saved answer the list has not loaded)
  const [chosen, setChosen] = useState<ResidentOption | null>(null);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const t = (zh: string, en: string) => pickText(language, zh, en);

  const search = (typed: string) => {
    clearTimeout(timer.current);
    const query = residentQuery(typed);
    if (query.kind === "none" || !loaders.searchResidents) return;
    timer.current = setTimeout(() => {
      const ticket = ++latest.current;
      setLoading(true);
      loaders.searchResidents!(query)
        .then(
          (rows) => ticket === latest.current && setOptions(rows),
          () => ticket === latest.current && setOptions([]),
        )
        .finally(() => ticket === latest.current && setLoading(false));
    }, searchDelayMs);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const register = async () => {
    const name = draft.name.trim();
    const idNumber = normalizeIdNumber(tidyIdNumberInput(draft.idNumber));
    if (name === "") return setProblem(t("请填写姓名", "Enter the name"));
    if (idNumberProblem(idNumber) !== null) return setProblem(t("身份证号无效，请核对", "The ID number is not valid: check it"));
    const gridId = grids?.fixed?.id ?? draft.gridId ?? (grids?.choices.length === 1 ? grids.choices[0].id : undefined);
    if (loaders.residentGrids && gridId === undefined) return setProblem(t("请选择所在网格", "Choose the grid the person lives in"));
    const outcome = await loaders.createResident!({ name, idNumber, gridId });
    if (!outcome.ok) return setProblem(outcome.message);
    setOptions((rows) => [outcome.person, ...rows.filter((row) => row.id !== outcome.person.id)]);
    setNotice(outcome.existed ? t("该身份证号已登记，已选中已有居民", "That ID number is registered: the existing resident is chosen") : null);
    setChosen(outcome.person);
    onChange(outcome.person.id);
    setCreating(false);
  };

  const current = typeof value === "string" && value !== "" ? value : undefined;
  const { residentsByIds } = loaders;
  useEffect(() => {
    if (!current || chosen?.id === current || !residentsByIds) return;
    let live = true;
    residentsByIds([current]).then(
      // a person the user may not read is said to be so, never shown as an id
      ([person]) => live && setChosen(person ?? { id: current, name: t("无权查看的居民", "A resident you may not view"), idNumber: "", birthYear: null }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [current, chosen, residentsByIds]);
  const listed = chosen && chosen.id === current && !options.some((person) => person.id === chosen.id) ? [chosen, ...options] : options;
  return (
    <>
      <Space.Compact style={{ width: "100%" }}>
        <Select
          id={id}
          showSearch
          filterOption={false}
          onSearch={search}
          value={current}
          onChange={(next?: string) => {
            setNotice(null);
            setChosen(options.find((person) => person.id === next) ?? null);
            onChange(next ?? null);
          }}
          onBlur={onBlur}
          disabled={disabled}
          status={status}
          loading={loading}
          allowClear
          notFoundContent={loading ? undefined : t("输入姓名、拼音首字母或完整身份证号查找", "Type a name, pinyin initials or a full ID number")}
          options={listed.map((person) => ({ value: person.id, label: optionLabel(person, language) }))}
          placeholder={
            field.placeholder
              ? pickText(language, field.placeholder, field.placeholder_en)
              : t("姓名、拼音首字母或身份证号", "Name, pinyin initials or ID number")
          }
          style={{ width: "100%" }}
        />
        {loaders.createResident && !disabled && (
          <Button
            onClick={() => {
              setProblem(null);
              setGrids(null);
              setCreating(true);
              void loaders.residentGrids?.().then(setGrids, () => setGrids({ fixed: null, choices: [] }));
            }}
          >
            {t("登记新居民", "Register a resident")}
          </Button>
        )}
      </Space.Compact>
      {notice && <Alert type="info" showIcon style={{ marginTop: 8 }} message={notice} />}
      <Modal
        open={creating}
        title={t("登记新居民", "Register a resident")}
        okText={t("登记并选中", "Register and choose")}
        cancelText={t("取消", "Cancel")}
        onOk={() => void register()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: "100%" }}>
          <label>
            {t("姓名", "Name")}
            <Input
              aria-label={t("新居民姓名", "New resident's name")}
              value={draft.name}
              maxLength={60}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </label>
          <label>
            {t("身份证号", "ID number")}
            <Input
              aria-label={t("新居民身份证号", "New resident's ID number")}
              value={draft.idNumber}
              onChange={(e) => setDraft({ ...draft, idNumber: tidyIdNumberInput(e.target.value) })}
            />
          </label>
          {grids?.fixed ? (
            <span>{t(`登记到：${grids.fixed.name}（本表所填网格）`, `Registered in ${grids.fixed.name} (the grid this form names)`)}</span>
          ) : grids && grids.choices.length === 1 ? (
            <span>{t(`登记到：${grids.choices[0].name}`, `Registered in ${grids.choices[0].name}`)}</span>
          ) : (
            grids &&
            grids.choices.length > 1 && (
              <label>
                {t("所在网格", "Grid")}
                <Select
                  aria-label={t("新居民所在网格", "New resident's grid")}
                  value={draft.gridId}
                  onChange={(gridId: string) => setDraft({ ...draft, gridId })}
                  options={grids.choices.map((unit) => ({ value: unit.id, label: unit.name }))}
                  placeholder={t("选择此人居住的网格", "Choose the grid the person lives in")}
                  style={{ width: "100%" }}
                />
              </label>
            )
          )}
          {problem && <Alert type="error" showIcon message={problem} />}
        </Space>
      </Modal>
    </>
  );
}
