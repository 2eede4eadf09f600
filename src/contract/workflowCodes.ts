/** Why a transition is refused; the transition RPC reports the same codes. */
export const transitionErrorCodes = {
  unknown_transition: { zh: "没有这个流转操作", en: "No such transition" },
  not_from_state: { zh: "当前状态不能执行此操作", en: "This action is not available in the current state" },
  role_not_allowed: { zh: "您的角色不能执行此操作", en: "Your role cannot take this action" },
  comment_required: { zh: "请填写处理意见", en: "A comment is required" },
  fields_required: { zh: "请先填写：{fields}", en: "Fill in first: {fields}" },
  checklist_incomplete: { zh: "请先完成线下核验：{items}", en: "Complete the offline checks first: {items}" },
} as const;

export type TransitionErrorCode = keyof typeof transitionErrorCodes;
