// Enhanced mail system status codes (RFC 3463): class 4 temporary, 5 permanent; the subject
// says where it went wrong (1 address, 2 mailbox, 3 mail system, 4 routing, 5 protocol,
// 6 content, 7 policy/security).

export type StatusClass = "4" | "5" | "unknown";
export const SUBJECTS = ["1", "2", "3", "4", "5", "6", "7"] as const;
export type Subject = (typeof SUBJECTS)[number] | "unknown";

export interface StatusGroup {
  statusClass: StatusClass;
  subject: Subject;
}

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC = /^\s*([45])\d\d\b/;

export function classify(message: string): StatusGroup {
  const enhanced = ENHANCED.exec(message);
  if (enhanced && enhanced[1] !== "2") {
    const subject = SUBJECTS.find((s) => s === enhanced[2]) ?? "unknown";
    return { statusClass: enhanced[1] as "4" | "5", subject };
  }
  const basic = BASIC.exec(message);
  return { statusClass: basic ? (basic[1] as "4" | "5") : "unknown", subject: "unknown" };
}

export const groupKey = (g: StatusGroup): string => `${g.statusClass}.${g.subject}`;
