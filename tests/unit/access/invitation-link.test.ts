import { describe, expect, it } from "vitest";
import { forgetInvitationToken, invitationLink, invitationTokenFrom } from "@/lib/domain/invitationLink";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe("invitation links", () => {
  it("put the token in /join's query, URL-encoded", () => {
    expect(invitationLink("a-b_c", "https://x.example")).toBe("https://x.example/join?token=a-b_c");
    expect(invitationLink("a+b/c=", "https://x.example")).toBe("https://x.example/join?token=a%2Bb%2Fc%3D");
  });

  it("keep the token for the tab when a step of sign-up leaves the URL without it", () => {
    const storage = memoryStorage();
    expect(invitationTokenFrom(new URLSearchParams("token=secret"), storage)).toBe("secret");
    expect(invitationTokenFrom(new URLSearchParams(""), storage)).toBe("secret");
    forgetInvitationToken(storage);
    expect(invitationTokenFrom(new URLSearchParams(""), storage)).toBeUndefined();
    expect(invitationTokenFrom(new URLSearchParams("token=%20"), undefined)).toBeUndefined();
  });
});
