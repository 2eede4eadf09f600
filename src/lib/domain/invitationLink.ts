// The invitation link an administrator sends (by WeChat or SMS) and the join page reads. The
// token is the invitation's one-time secret; it stays in the URL and, for the length of the tab,
// in sessionStorage, so it survives a confirmation detour during sign-up.

export const joinPath = "/join";
const storageKey = "cgs.invitationToken";

/** `<origin>/join?token=…` */
export function invitationLink(token: string, origin: string): string {
  return `${origin}${joinPath}?token=${encodeURIComponent(token)}`;
}

/** The token from the URL, else the one this tab remembered; remembers the URL's. */
export function invitationTokenFrom(search: URLSearchParams, storage: Pick<Storage, "getItem" | "setItem"> | undefined): string | undefined {
  const fromUrl = search.get("token")?.trim();
  if (fromUrl) {
    storage?.setItem(storageKey, fromUrl);
    return fromUrl;
  }
  return storage?.getItem(storageKey) ?? undefined;
}

export function forgetInvitationToken(storage: Pick<Storage, "removeItem"> | undefined): void {
  storage?.removeItem(storageKey);
}
