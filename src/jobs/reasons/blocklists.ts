// The blocklist a refusal names, so the report can say which list to ask for removal.
// Known lists by the words their refusals carry; otherwise the zone after "blocked using".

const KNOWN: [RegExp, string][] = [
  [/spamhaus/i, "Spamhaus"],
  [/\bsorbs\b/i, "SORBS"],
  [/barracuda/i, "Barracuda"],
  [/spamcop/i, "SpamCop"],
  [/uceprotect/i, "UCEPROTECT"],
  [/mailspike/i, "Mailspike"],
  [/\bpsbl\b/i, "PSBL"],
  [/cloudmark/i, "Cloudmark"],
  [/proofpoint/i, "Proofpoint"],
  [/senderscore/i, "Sender Score"],
  [/sender\.office\.com|banned sending ip|postmaster\.live\.com|\bS3150\b/i, "Microsoft"],
  [/postmaster\.(yahooinc|verizonmedia)\.com|\[TSS0\d\]/i, "Yahoo"],
  [/\bOFR\d*_\d+|orange\.fr/i, "Orange"],
  [/spectrum\.net|\bAUP#/i, "Spectrum"],
];
const ZONE = /blocked (?:using|by) ([a-z0-9][\w.-]*\.[a-z]{2,})/i;

export function blocklistName(text: string): string | undefined {
  for (const [pattern, name] of KNOWN) if (pattern.test(text)) return name;
  return ZONE.exec(text)?.[1]?.toLowerCase();
}
