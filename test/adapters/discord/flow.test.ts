// The real discord.js client against the fake Discord: login, registration, a slash command
// answered with an ephemeral confirmation, the click that executes it, and the announcement.
import { afterEach, describe, expect, it } from "vitest";
import { translate } from "../../../src/i18n/index.ts";
import { HOSTING } from "../../helpers/testApp.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import {
  APP_ID,
  callbackOf,
  CHANNEL,
  click,
  customIds,
  type DiscordRig,
  GUILD,
  OPS_CHANNEL,
  recording,
  slash,
  startRig,
  TOKEN,
} from "../../helpers/discord.ts";

const policy = {
  roles: { operator: ["discord-role:300000000000000001"], admin: ["discord:100000000000000009"] },
};
const operator = { id: "100000000000000001", roles: ["300000000000000001"] };

describe("Discord adapter: command → confirmation → click", () => {
  const tempDir = useTempDir();
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("logs in with the bot token and registers /mail on the guild once", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const gateway = await rig.fake.request("GET", "/gateway/bot");
    expect(gateway.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(rig.fake.opsReceived(2)).toHaveLength(1);
    expect(rig.adapter.registration).toBe("registered");
    const put = rig.fake.requestsTo(
      "PUT",
      new RegExp(`^/applications/${APP_ID}/guilds/${GUILD}/commands$`),
    );
    expect(put).toHaveLength(1);
    const [mail] = put[0]!.body as { name: string; options: { name: string }[] }[];
    expect(mail!.name).toBe("mail");
    expect(mail!.options.map((o) => o.name)).toEqual(rig.app.engine.commands.map((c) => c.name));
  });

  it("answers /mail block with an ephemeral card whose Confirm executes once and is announced", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const command = slash(operator, "block", { hosting: HOSTING, reason: "contact form hacked" });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(rig.fake, command);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(answer.data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const [confirm, cancel] = customIds(answer.data);
    expect(confirm).toMatch(/^mb:ok:/);
    expect(cancel).toMatch(/^mb:no:/);
    expect((await rig.app.sandbox.getMail(HOSTING)).state).toBe("ok");

    const press = click(operator, confirm!);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    const updated = await callbackOf(rig.fake, press);
    expect(updated.type).toBe(7);
    expect(customIds(updated.data)).toEqual([]);
    const embed = (updated.data!.embeds as { footer: { text: string } }[])[0]!;
    expect(embed.footer.text).toContain("Decided by user-100000000000000001");
    expect((await rig.app.sandbox.getMail(HOSTING)).state).toBe("ko");

    const posts = rig.fake.requestsTo("POST", /^\/channels\/\d+\/messages$/);
    expect(posts.map((p) => p.path).sort()).toEqual(
      [`/channels/${CHANNEL}/messages`, `/channels/${OPS_CHANNEL}/messages`].sort(),
    );
    const announced = posts[0]!.body as {
      embeds: { description: string }[];
      allowed_mentions: unknown;
    };
    // Named as a mention that pings nobody, never by a spoofable display name (issue #17).
    expect(announced.embeds[0]!.description).toContain(
      "<@100000000000000001> blocked the sending of emails of boulangerie-martin.fr",
    );
    expect(announced.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  async function confirmation(r: DiscordRig, who = operator, sub = "block") {
    const command = slash(who, sub, { hosting: HOSTING });
    r.fake.dispatch("INTERACTION_CREATE", command);
    const ids = customIds((await callbackOf(r.fake, command)).data);
    expect(ids).toHaveLength(2);
    return ids as [string, string];
  }

  it("refuses a click by another operator privately, audits it, and changes nothing", async () => {
    const calls: string[] = [];
    rig = await startRig({ dataDir: await tempDir(), policy, wrap: recording(calls) });
    const [confirm] = await confirmation(rig);
    const other = { id: "100000000000000002", roles: ["300000000000000001"] };
    const press = click(other, confirm);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    const answer = await callbackOf(rig.fake, press);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(answer.data?.content).toContain("Only user-100000000000000001 or an admin");
    expect(calls).not.toContain("requestAction");
    const [denied] = await rig.app.services.store.audit.recent(1);
    expect(denied).toMatchObject({
      event: "denied",
      platform: "discord",
      actorId: other.id,
      outcome: "click_refused",
    });
    expect(rig.fake.requestsTo("POST", /^\/channels\//)).toEqual([]);
  });

  it("updates an expired confirmation to say so, with no provider action", async () => {
    const calls: string[] = [];
    rig = await startRig({ dataDir: await tempDir(), policy, wrap: recording(calls) });
    const [confirm] = await confirmation(rig);
    rig.app.clock.advance(6 * 60_000);
    const press = click(operator, confirm);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    const answer = await callbackOf(rig.fake, press);
    expect(answer.type).toBe(7);
    expect(customIds(answer.data)).toEqual([]);
    expect(JSON.stringify(answer.data)).toContain("This request expired before it was confirmed");
    expect(calls).not.toContain("requestAction");
  });

  it("answers a click on a token never issued privately, with no provider call", async () => {
    const calls: string[] = [];
    rig = await startRig({ dataDir: await tempDir(), policy, wrap: recording(calls) });
    for (const id of ["mb:ok:AAAAAAAAAAAAAAAAAAAAAA", "something-else"]) {
      const press = click(operator, id);
      rig.fake.dispatch("INTERACTION_CREATE", press);
      const answer = await callbackOf(rig.fake, press);
      expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(answer.data?.content).toContain("This button is not valid");
    }
    expect(calls).toEqual([]);
  });

  it("refuses a change asked in a direct message, with no confirmation", async () => {
    const calls: string[] = [];
    rig = await startRig({
      dataDir: await tempDir(),
      policy: { roles: { operator: ["discord:100000000000000001"] } },
      wrap: recording(calls),
    });
    const command = slash({ ...operator, dm: true }, "block", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(rig.fake, command);
    expect(answer.data?.content).toBe(
      "Changes can only be made from a team channel, not a direct message.",
    );
    expect(customIds(answer.data)).toEqual([]);
    expect(calls.filter((c) => !c.startsWith("listHostings"))).toEqual([]);
  });

  it.each([
    [
      "a hosting that does not exist",
      "block",
      { hosting: "nope.example" },
      "No hosting named “nope.example”",
    ],
    [
      "a malformed address",
      "recipient",
      { hosting: HOSTING, email: "ops@@shop" },
      "“ops@@shop” is not a valid e-mail address",
    ],
    ["an unknown subcommand", "explode", {}, "Unknown command “explode”"],
    ["an unknown option", "purge", { hosting: HOSTING, now: "yes" }, "“purge” has no option “now”"],
  ])("answers %s clearly and privately, changing nothing", async (_what, sub, values, expected) => {
    const calls: string[] = [];
    rig = await startRig({ dataDir: await tempDir(), policy, wrap: recording(calls) });
    const command = slash(operator, sub, values);
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(rig.fake, command);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answer.data?.content).toContain(expected);
    expect(customIds(answer.data)).toEqual([]);
    expect(calls.filter((c) => !c.startsWith("listHostings"))).toEqual([]);
    expect(await rig.app.services.store.confirmations.all()).toEqual([]);
  });

  it("answers in the asker's Discord language (fr)", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const command = slash({ ...operator, locale: "fr" }, "block", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(rig.fake, command);
    const [embed] = answer.data!.embeds as { title: string }[];
    expect(embed!.title).toContain(HOSTING);
    const labels = (
      answer.data!.components as { components: { label: string }[] }[]
    )[0]!.components.map((b) => b.label);
    expect(labels).toEqual([translate("fr", "confirm.confirm"), translate("fr", "confirm.cancel")]);
    expect(labels[0]).toBe("Valider");
  });

  it("shows a viewer how to get rights when a change is refused", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const command = slash({ id: "100000000000000077" }, "purge", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(rig.fake, command);
    expect(answer.data?.content).toContain("discord:100000000000000077");
  });
});
