// Channel posts (announcements, reports, alerts, progress) printed in the terminal as they come.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChannelSink } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { MessageRef } from "../../src/store/schema.ts";
import { renderText, type TerminalStyle } from "./render.ts";

export class ConsoleSink implements ChannelSink {
  readonly platform = "console" as const;
  private next = 0;

  constructor(
    private readonly print: (text: string) => void,
    private readonly style: TerminalStyle,
    /** Where attachments (report charts) are saved. */
    private readonly attachmentDir: string,
  ) {}

  async post(reply: Reply): Promise<MessageRef[]> {
    const lines = [renderText(reply, this.style)];
    for (const attachment of reply.attachments ?? []) {
      const path = join(this.attachmentDir, attachment.filename);
      await writeFile(path, attachment.data);
      lines.push(`  → ${path}`);
    }
    this.print(lines.join("\n"));
    this.next += 1;
    return [{ platform: "console", channel: "terminal", id: String(this.next) }];
  }

  async edit(_ref: MessageRef, reply: Reply): Promise<void> {
    this.print(renderText(reply, this.style));
  }
}
