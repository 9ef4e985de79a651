// The terminal asks for a decision from the buttons' roles, never from their ids.
import { describe, expect, it } from "vitest";
import { confirmButton } from "../../../adapters/console/render.ts";
import type { Button, Reply } from "../../../src/core/reply.ts";

const reply = (buttons: Button[]): Reply => ({
  text: "",
  visibility: "requester",
  card: { title: "t", tone: "info", blocks: [{ type: "actions", buttons }] },
});

describe("confirmButton", () => {
  it("finds the confirm and cancel buttons by role", () => {
    const answer = confirmButton(
      reply([
        { id: "cancel-1", role: "cancel", label: "Cancel", style: "default" },
        { id: "go-1", role: "confirm", label: "Confirm", style: "primary" },
      ]),
    );
    expect(answer).toEqual({ confirm: "go-1", cancel: "cancel-1" });
  });

  it("an alert's offer is no decision to ask for", () => {
    expect(confirmButton(reply([{ id: "mb:ok:abcdefghijklmnop", role: "offer", label: "Purge", style: "danger" }]))).toBeUndefined();
  });
});
