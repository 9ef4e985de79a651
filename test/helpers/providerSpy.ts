// One way for a test to watch or steer a hosting provider: every method call goes through
// `around`, which may record it, delay it, fail it or answer in its place. Properties that are
// not methods (`kind`) pass through untouched.
import type { HostingProvider, MailAction } from "../../src/hosting/port.ts";

export type Method = Exclude<keyof HostingProvider, "kind">;

/** What `around` gets for one call: the method's name, its arguments, and the real call. */
export interface ProviderCall {
  method: Method;
  args: unknown[];
  call(): Promise<unknown>;
}

export function spyProvider(provider: HostingProvider, around: (call: ProviderCall) => unknown): HostingProvider {
  return new Proxy(provider, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        around({ method: key as Method, args, call: () => Promise.resolve(value.apply(target, args)) });
    },
  });
}

/** Records the name of every method called, in order. */
export const recordingCalls = (calls: string[]) => (provider: HostingProvider): HostingProvider =>
  spyProvider(provider, ({ method, call }) => {
    calls.push(method);
    return call();
  });

/** Records the action of every `requestAction` call (what was actually sent), in order. */
export const countingActions = (actions: MailAction[]) => (provider: HostingProvider): HostingProvider =>
  spyProvider(provider, ({ method, args, call }) => {
    if (method === "requestAction") actions.push(args[1] as MailAction);
    return call();
  });
