// Call deadlines that fire when the fake OVH API holds a request, never on the wall clock:
// a hang is then a timeout at once, and a slow machine never makes one by accident.
import type { SeenRequest } from "./ovhApi.ts";

interface Waiter {
  path: string;
  fire: () => void;
}

export class HeldDeadlines {
  private readonly waiting: Waiter[] = [];

  /** For OvhSettings.deadline. */
  readonly deadline = (_ms: number, signal: AbortSignal, call: { path: string }): Promise<void> =>
    new Promise<void>((resolve) => {
      const waiter: Waiter = { path: call.path, fire: resolve };
      this.waiting.push(waiter);
      signal.addEventListener("abort", () => this.drop(waiter), { once: true });
    });

  /** For Fault.onHeld: the held request's caller reaches its deadline. */
  readonly held = (request: SeenRequest): void => {
    const waiter = this.waiting.find((w) => w.path === request.path);
    if (!waiter) return;
    this.drop(waiter);
    waiter.fire();
  };

  private drop(waiter: Waiter): void {
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }
}
