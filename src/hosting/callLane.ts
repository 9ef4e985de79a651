// Who a provider call is for: a person waiting on a command (served first) or a scheduled
// job (which can wait). The jobs call through `provider.forLane("job")`; every other call is
// a person's. Passed along explicitly: an AsyncLocalStorage would turn on Node's promise hooks,
// a cost on every promise of the process (every Slack command's).
export type CallLane = "person" | "job";
