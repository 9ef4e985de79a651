// Issue #17, case 7: the terminal chat under a tired person's hands, through a real
// pseudo-terminal: Ctrl-D at a question, Ctrl-C on a typed line and at an empty prompt, Tab,
// "did you mean", and every post in the reader's language.
import { describe, expect, it } from "vitest";
import { startPtyChat } from "../helpers/pty.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const H = "boulangerie-martin.fr";

describe("a terminal that forgives", () => {
  const tempDir = useTempDir();

  it("Ctrl-D at Confirm? cancels, and the chat carries on", async () => {
    const chat = startPtyChat(await tempDir());
    await chat.until("mailbrake> ");
    chat.send(`block ${H}\r`);
    await chat.until("Confirm? [y/N]");
    chat.send("\x04");
    await chat.until("Cancelled. Nothing was changed.");
    const mark = chat.text.length;
    chat.send(`status ${H}\r`);
    await chat.until(/Service state\s+enabled/, mark);
    chat.send("exit\r");
    expect(await chat.exited).toBe(0);
  });

  it("Ctrl-C clears a half-typed line; at an empty prompt it says how to quit; twice quits", async () => {
    const chat = startPtyChat(await tempDir());
    await chat.until("mailbrake> ");
    chat.send(`block ${H}`);
    await chat.until(`block ${H}`);
    chat.send("\x03");
    await chat.until("^C");
    let mark = chat.text.length;
    chat.send("help\r");
    await chat.until("exit — leave the terminal chat", mark);
    mark = chat.text.length;
    chat.send(`status ${H}\r`);
    await chat.until(/Service state\s+enabled/, mark);
    mark = chat.text.length;
    chat.send("\x03");
    await chat.until("(To quit, press Ctrl-C again or type exit.)", mark);
    chat.send("\x03");
    expect(await chat.exited).toBe(0);
    expect(chat.text).not.toContain("Confirm? [y/N]");
  });

  it("as the README says: Ctrl-C at Confirm? answers no; Ctrl-D on a typed line does not quit; Ctrl-D at an empty prompt quits", async () => {
    const chat = startPtyChat(await tempDir());
    await chat.until("mailbrake> ");
    chat.send(`block ${H}\r`);
    await chat.until("Confirm? [y/N]");
    chat.send("\x03");
    await chat.until("Cancelled. Nothing was changed.");
    const mark = chat.text.length;
    chat.send("stat");
    await chat.until("stat", mark);
    chat.send("\x04"); // deletes nothing at the end of a line; the chat stays
    chat.send(`us ${H}\r`);
    await chat.until(/Service state\s+enabled[\s\S]*mailbrake> $/, mark);
    chat.send("\x04");
    expect(await chat.exited).toBe(0);
  });

  it("Tab completes commands and hosting names; an unknown hosting gets “did you mean”", async () => {
    const chat = startPtyChat(await tempDir());
    await chat.until("mailbrake> ");
    chat.send("stat\t");
    await chat.until("status");
    chat.send(" boul\t");
    await chat.until(H);
    let mark = chat.text.length;
    chat.send("\r");
    await chat.until(/Service state\s+enabled/, mark);
    mark = chat.text.length;
    chat.send("status boulangerie-martin.f\r");
    await chat.until("Did you mean “boulangerie-martin.fr”?", mark);
    chat.send("exit\r");
    expect(await chat.exited).toBe(0);
  });

  it("with LANG=fr_FR.UTF-8 the announcement printed in the terminal is French too", async () => {
    const chat = startPtyChat(await tempDir(), { LANG: "fr_FR.UTF-8" });
    await chat.until("mailbrake> ");
    chat.send(`block ${H}\r`);
    await chat.until("Valider ? [o/N]");
    chat.send("o\r");
    await chat.until("a bloqué l'envoi des e-mails");
    chat.send("exit\r");
    expect(await chat.exited).toBe(0);
    expect(chat.text).not.toContain("blocked the sending of emails");
  });
});
