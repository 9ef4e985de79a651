// The manifests in the repo ask for what the adapter uses, and nothing it cannot use.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (name: string) => readFileSync(new URL(`../../../adapters/slack/${name}`, import.meta.url), "utf8");
const scopes = (text: string) => [...text.matchAll(/^\s+- ([a-z]+:?[a-z]*)$/gm)].map((m) => m[1]).sort();

describe("slack manifests", () => {
  it.each(["manifest.yml", "manifest.socket.yml"])("%s declares /mail, interactivity and the scopes", (name) => {
    const text = read(name);
    expect(text).toMatch(/- command: \/mail$/m);
    expect(text).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(scopes(text)).toEqual(["chat:write", "commands", "files:write", "usergroups:read", "users:read"]);
  });

  it("HTTP mode points slash command and interactivity at /slack/events", () => {
    const text = read("manifest.yml");
    expect(text.match(/\/slack\/events/g)).toHaveLength(2);
    expect(text).toMatch(/socket_mode_enabled: false/);
  });

  it("Socket Mode needs no URL", () => {
    const text = read("manifest.socket.yml");
    expect(text).not.toMatch(/url:/);
    expect(text).toMatch(/socket_mode_enabled: true/);
  });
});
