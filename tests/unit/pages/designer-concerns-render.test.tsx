// What the 权限 matrix and the 看板 bar list put on screen, rendered to HTML: a cell per role and
// action named for screen readers and tests ("领导 · 导出"), pending cells marked, and buckets as
// a list of "label：value" with bars proportional to the largest.
import { I18nContext } from "@refinedev/core";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { translateIn } from "@/i18n";
import { BarList } from "@/pages/designer/dashboard/BarList";
import { GrantMatrix } from "@/pages/designer/permissions/GrantMatrix";

// The dictionaries set <html lang> when loaded; server rendering has no document.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});

/** In Chinese, through Refine's translate as the app provides it. */
const inChinese = (node: ReactNode) =>
  renderToString(
    <I18nContext.Provider
      value={{
        i18nProvider: { translate: (key, options, fallback) => translateIn("zh-CN", key, options, fallback), changeLocale: () => {}, getLocale: () => "zh-CN" },
      }}
    >
      {node}
    </I18nContext.Provider>,
  );
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("GrantMatrix", () => {
  const roles = [
    { key: "staff", label: "工作人员" },
    { key: "leader", label: "领导" },
  ];

  it("names every cell by role and action and marks only the cells that differ from the live grants", () => {
    const html = inChinese(
      <GrantMatrix
        roles={roles}
        permissions={{ staff: ["read", "export"], leader: [] }}
        baseline={{ staff: ["read"], leader: ["read"] }}
        onToggle={() => {}}
      />,
    );
    for (const label of ["工作人员 · 查看", "工作人员 · 导出", "领导 · 查看", "领导 · 查看敏感信息"]) expect(html).toContain(`aria-label="${label}"`);
    expect(html.match(/title="待保存"/g)).toHaveLength(2); // staff export gained, leader read lost
  });

  it("marks nothing for a draft (no live grants to differ from)", () => {
    const html = inChinese(<GrantMatrix roles={roles} permissions={{ staff: ["read"] }} onToggle={() => {}} />);
    expect(html).not.toContain("待保存");
  });
});

describe("BarList", () => {
  it("lists each bucket with its value, bars proportional to the largest", () => {
    const html = inChinese(
      <BarList
        label="按状态"
        items={[
          { label: "待处理", value: 4, text: "4" },
          { label: "已处理", value: 1, text: "1" },
        ]}
      />,
    );
    expect(html).toContain('aria-label="按状态"');
    expect(text(html)).toContain("待处理 ： 4");
    expect(html).toContain("width:100%");
    expect(html).toContain("width:25%");
  });
});
