import { describe, expect, it } from "vitest";
import { keyFromLabel } from "@/pages/designer/keyFromLabel";

describe("keyFromLabel", () => {
  it("spells a Chinese label in pinyin", () => {
    expect(keyFromLabel("联系电话", [])).toBe("lian_xi_dian_hua");
    expect(keyFromLabel("身份证号码（申请人）", [])).toBe("shen_fen_zheng_hao_ma_shen_qing_ren");
  });
  it("keeps latin letters and digits, lowercased", () => {
    expect(keyFromLabel("GPS 坐标 2", [])).toBe("gps_zuo_biao_2");
  });
  it("never starts with a digit and falls back for symbols only", () => {
    expect(keyFromLabel("2号楼", [])).toBe("field_2_hao_lou");
    expect(keyFromLabel("？？", [], "state")).toBe("state");
  });
  it("adds a number when the key is taken", () => {
    expect(keyFromLabel("备注", ["bei_zhu", "bei_zhu_2"])).toBe("bei_zhu_3");
  });
  it("stays within 40 characters, suffix included", () => {
    const key = keyFromLabel("中华人民共和国老年人权益保障法规定的优待对象类别", ["x"]);
    expect(key.length).toBeLessThanOrEqual(40);
    expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    const again = keyFromLabel("中华人民共和国老年人权益保障法规定的优待对象类别", [key]);
    expect(again.length).toBeLessThanOrEqual(40);
    expect(again).not.toBe(key);
  });
});
