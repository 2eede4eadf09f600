/** Why a transition is refused; the transition RPC reports the same codes. */
export const transitionErrorCodes = {
  unknown_transition: { zh: "没有这个流转操作", en: "No such transition" },
  not_from_state: { zh: "当前状态不能执行此操作", en: "This action is not available in the current state" },
  role_not_allowed: { zh: "您的角色不能执行此操作", en: "Your role cannot take this action" },
  transition_guard_failed: { zh: "不满足办理条件：{condition}", en: "Not available: requires {condition}" },
  comment_required: { zh: "请填写处理意见", en: "A comment is required" },
  fields_required: { zh: "请先填写：{fields}", en: "Fill in first: {fields}" },
  checklist_incomplete: { zh: "请先完成线下核验：{items}", en: "Complete the offline checks first: {items}" },
  escalation_target_required: { zh: "请选择上报到的单位", en: "Choose the unit to send it to" },
  escalation_target_not_allowed: { zh: "不能上报到所选单位", en: "This action cannot send the record to the chosen unit" },
  escalation_target_missing: { zh: "找不到可上报的上级单位", en: "There is no unit above to send the record to" },
} as const;

export type TransitionErrorCode = keyof typeof transitionErrorCodes;
