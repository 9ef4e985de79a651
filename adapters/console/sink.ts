// Channel posts (announcements, reports, alerts, progress) printed in the terminal as they come.
import type { ChannelSink } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { MessageRef } from "../../src/store/schema.ts";
import { pathLines, saveAttachments } from "./attachments.ts";
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
    const paths = await saveAttachments(reply, this.attachmentDir);
    this.print(renderText(reply, this.style) + pathLines(paths));
    this.next += 1;
    return [{ platform: "console", channel: "terminal", id: String(this.next) }];
  }

  async edit(_ref: MessageRef, reply: Reply): Promise<void> {
    this.print(renderText(reply, this.style));
  }
}
