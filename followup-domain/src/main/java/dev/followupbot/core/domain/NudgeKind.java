package dev.followupbot.core.domain;

/** Why followup-bot nudges someone about a case. */
public enum NudgeKind {
  /** Nobody has claimed the case: the channel, then the escalation chain. */
  UNCLAIMED,
  /** The owner has done nothing with the case for a while; then their lead. */
  STALE,
  /** An SLA target is close. */
  SLA_WARNING,
  /** An SLA target was missed. */
  SLA_BREACH,
  /** A customer gave a low satisfaction score. */
  LOW_CSAT
}
