// What the auth routes keep between requests, one per gateway: rate-limit counters and the local
// mailbox. Kept beside the config rather than in it, so the config stays plain data.
import { createMailbox, type Mailbox } from "./auth-mailbox.ts";
import { createAuthRateLimits, type AuthRateLimits } from "./auth-rate-limit.ts";
import type { GatewayConfig } from "./options.ts";

export type AuthState = { limits: AuthRateLimits; mailbox: Mailbox };

const states = new WeakMap<GatewayConfig, AuthState>();

export function authState(config: GatewayConfig): AuthState {
  let state = states.get(config);
  if (!state) {
    state = { limits: createAuthRateLimits(), mailbox: createMailbox(config.mailboxFile, config.log) };
    states.set(config, state);
  }
  return state;
}
