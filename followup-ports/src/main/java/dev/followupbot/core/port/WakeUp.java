package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the core asked to be woken for. Each wake-up has a stable key, so scheduling the same
 * one again replaces its time; the woken code re-reads state and decides again.
 */
public sealed interface WakeUp {

  /** The stable name of this wake-up, e.g. {@code reminder-42}; at most 200 characters. */
  String key();

  /** A reminder may be due. */
  record ReminderDue(long reminderId) implements WakeUp {
    @Override
    public String key() {
      return "reminder-" + reminderId;
    }
  }

  /** A case's timers (nudges, escalation, SLA) may need attention. */
  record CaseTimers(TenantId tenant, long caseId) implements WakeUp {
    public CaseTimers {
      Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public String key() {
      return "case-" + caseId + "@" + tenant.key();
    }
  }

  /** Held nudges for the recipient of this nudge may go out. */
  record NudgesDue(long nudgeId) implements WakeUp {
    @Override
    public String key() {
      return "nudge-" + nudgeId;
    }
  }

  /** A team's digest may be due. */
  record TeamDigest(String teamId) implements WakeUp {
    public TeamDigest {
      Objects.requireNonNull(teamId, "teamId");
    }

    @Override
    public String key() {
      return "digest-" + teamId;
    }
  }

  /** Reads a key back; empty for keys this version does not know. */
  static Optional<WakeUp> parse(String key) {
    try {
      if (key.startsWith("reminder-")) {
        return Optional.of(new ReminderDue(Long.parseLong(key.substring("reminder-".length()))));
      }
      if (key.startsWith("case-")) {
        int at = key.indexOf('@');
        return Optional.of(
            new CaseTimers(
                TenantId.fromKey(key.substring(at + 1)),
                Long.parseLong(key.substring("case-".length(), at))));
      }
      if (key.startsWith("nudge-")) {
        return Optional.of(new NudgesDue(Long.parseLong(key.substring("nudge-".length()))));
      }
      if (key.startsWith("digest-")) {
        return Optional.of(new TeamDigest(key.substring("digest-".length())));
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
