// Why a mail failed, in the words a person fixing it needs: one id per cause that calls for
// its own fix. The ids are the ones of the labelled corpus in the team's shared corpora.

export const REASONS = [
  "recipient_unknown",
  "domain_unknown",
  "mailbox_full",
  "mailbox_disabled",
  "message_too_large",
  "spam_content",
  "sender_blocked",
  "rate_limited",
  "authentication",
  "sender_rejected",
  "policy",
  "unreachable",
  "other",
] as const;
export type Reason = (typeof REASONS)[number];

/** 4 temporary (the relay tries again), 5 permanent (given up). */
export type MailClass = 4 | 5;

/** The class when the text carries no code and does not say: most causes are final. */
export const USUAL_CLASS: Record<Reason, MailClass> = {
  recipient_unknown: 5,
  domain_unknown: 5,
  mailbox_full: 5,
  mailbox_disabled: 5,
  message_too_large: 5,
  spam_content: 5,
  sender_blocked: 5,
  rate_limited: 4,
  authentication: 5,
  sender_rejected: 5,
  policy: 5,
  unreachable: 4,
  other: 5,
};

/** Reasons that, rising suddenly, often mean a hacked site or a blocklisting. */
export const WARNING_REASONS: readonly Reason[] = [
  "sender_blocked",
  "spam_content",
  "authentication",
];
