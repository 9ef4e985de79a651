// Realistic recipient addresses: local names and mailbox providers by the hosting's country.
import type { Rng } from "./rng.ts";

interface Locale {
  first: readonly string[];
  last: readonly string[];
  domains: readonly string[];
}

const LOCALES: Record<string, Locale> = {
  fr: {
    first: ["marie", "julien", "camille", "lucas", "nathalie", "thomas", "sophie", "pierre"],
    last: ["dubois", "martin", "bernard", "petit", "durand", "leroy", "moreau", "lefebvre"],
    domains: ["orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "gmail.com"],
  },
  fi: {
    first: ["aino", "mikko", "laura", "juha", "emma", "antti", "sanna", "ville"],
    last: ["virtanen", "korhonen", "nieminen", "makinen", "hamalainen", "laine", "koskinen"],
    domains: ["kolumbus.fi", "elisanet.fi", "luukku.com", "gmail.com", "outlook.com"],
  },
  pl: {
    first: ["anna", "piotr", "katarzyna", "tomasz", "agnieszka", "pawel", "magda", "krzysztof"],
    last: ["nowak", "kowalski", "wisniewska", "wojcik", "kaminski", "lewandowska", "zielinski"],
    domains: ["wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com"],
  },
  nl: {
    first: ["daan", "sanne", "lotte", "bram", "femke", "jeroen"],
    last: ["devries", "jansen", "bakker", "visser", "smit", "meijer"],
    domains: ["ziggo.nl", "kpnmail.nl", "hetnet.nl", "gmail.com"],
  },
  pt: {
    first: ["joao", "ana", "tiago", "ines", "rui", "catarina"],
    last: ["silva", "santos", "ferreira", "pereira", "costa", "oliveira"],
    domains: ["sapo.pt", "netcabo.pt", "gmail.com", "hotmail.com"],
  },
};

const INTERNATIONAL = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com"];
const ROLES = ["info", "contact", "commandes", "sales", "office", "biuro", "toimisto"];

function localeOf(hosting: string): Locale {
  const tld = hosting.slice(hosting.lastIndexOf(".") + 1);
  return LOCALES[tld] ?? LOCALES.fr!;
}

/** A plausible address a site on `hosting` would mail (a customer, a subscriber...). */
export function randomRecipient(rng: Rng, hosting: string): string {
  const locale = localeOf(hosting);
  const first = rng.pick(locale.first);
  const last = rng.pick(locale.last);
  const domain = rng.chance(0.8) ? rng.pick(locale.domains) : rng.pick(INTERNATIONAL);
  const style = rng.int(0, 9);
  if (style < 5) return `${first}.${last}@${domain}`;
  if (style < 7) return `${first}${last}${rng.int(1, 99)}@${domain}`;
  if (style < 9) return `${first[0]}.${last}@${domain}`;
  return `${rng.pick(ROLES)}@${last}-${first}.${domain.slice(domain.lastIndexOf(".") + 1)}`;
}
