// Journey under the gateway's Content-Security-Policy: an administrator signs in and walks every
// menu entry; the browser reports no blocked script, style, image, font or connection. Blocked
// `eval` is expected and harmless: zod and the xlsx library probe for it inside try/catch and
// fall back (script-src never allows 'unsafe-eval').
import { expect, signIn, test } from "./fixtures";

test("the SPA works under its CSP: nothing but guarded eval probes is refused", async ({ page }) => {
  const refused: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.warn(`csp-violation ${event.effectiveDirective} ${event.blockedURI}`));
  });
  page.on("console", (message) => {
    const text = message.text();
    if (text.startsWith("csp-violation ") && !/^csp-violation script-src(-elem)? eval$/.test(text)) refused.push(text);
  });

  const response = await page.goto("/login");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await signIn(page, "admin@demo.local");
  await expect(page.getByRole("menuitem", { name: /组织架构/ })).toBeVisible();
  const entries = await page.getByRole("menuitem").all();
  expect(entries.length).toBeGreaterThan(1);
  for (const entry of entries) {
    await entry.click();
    await page.waitForLoadState("networkidle");
  }
  expect(refused).toEqual([]);
});
