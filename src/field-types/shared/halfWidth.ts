/**
 * Full-width forms (０-９, Ｘ, －, the ideographic space) as their ASCII twins: numbers copied from
 * Chinese documents or typed with a Chinese input method often arrive in full width.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}
