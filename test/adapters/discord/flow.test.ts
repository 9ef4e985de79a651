// The real discord.js client against the fake Discord: login, registration, a slash command
// answered with an ephemeral confirmation, the click that executes it, and the announcement.
import { afterEach, describe, expect, it } from "vitest";
import { HOSTING } from "../../helpers/testApp.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { APP_ID, callbackOf, CHANNEL, click, customIds, type DiscordRig, GUILD, OPS_CHANNEL, slash, startRig, TOKEN } from "../../helpers/discord.ts";

const policy = { roles: { operator: ["discord-role:300000000000000001"], admin: ["discord:100000000000000009"] } };
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
    const put = rig.fake.requestsTo("PUT", new RegExp(`^/applications/${APP_ID}/guilds/${GUILD}/commands$`));
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
    expect(posts.map((p) => p.path).sort()).toEqual([`/channels/${CHANNEL}/messages`, `/channels/${OPS_CHANNEL}/messages`].sort());
    const announced = posts[0]!.body as { embeds: { description: string }[]; allowed_mentions: unknown };
    expect(announced.embeds[0]!.description).toContain("user-100000000000000001 blocked the sending of emails of boulangerie-martin.fr");
    expect(announced.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});
