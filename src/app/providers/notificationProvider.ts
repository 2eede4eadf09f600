import type { NotificationProvider } from "@refinedev/core";
import { useNotificationProvider } from "@refinedev/antd";

/**
 * antd notifications, minus the toast for a failed sign-in: the login page shows that error
 * inline next to the form, and two copies of the same message confuse users (and tests).
 */
export function useAppNotificationProvider(): NotificationProvider {
  const base = useNotificationProvider();
  return {
    ...base,
    open: (params) => {
      if (params.key === "login-error") return;
      base.open(params);
    },
  };
}
