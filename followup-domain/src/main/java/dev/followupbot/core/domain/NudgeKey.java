package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Nudge}'s key names: the decision to nudge, so re-evaluating a case never nudges
 * twice. {@link #toString()} is the stored key ({@code u:case:episode:step}, {@code
 * s:case:episode:step}, {@code sla:case:METRIC:since:warn|breach}, {@code csat:case:at}, each
 * followed by {@code :lead} when it goes to one of several leads); {@link #parse} reads it back.
 */
public sealed interface NudgeKey {

  /** The case the decision is about. */
  long caseId();

  /**
   * The moment of the case's last activity the decision was made for (unclaimed and stale nudges);
   * the nudge no longer applies once the case has moved on from it.
   */
  default Optional<Instant> episode() {
    return Optional.empty();
  }

  /** This decision, once for each lead it goes to. */
  default NudgeKey forLead(String leadId) {
    return new ForLead(this, leadId);
  }

  /** Step {@code step} of the unclaimed case's chain since {@code since}. */
  record Unclaimed(long caseId, Instant since, int step) implements NudgeKey {
    @Override
    public Optional<Instant> episode() {
      return Optional.of(since);
    }

    @Override
    public String toString() {
      return "u:" + caseId + ":" + since.toEpochMilli() + ":" + step;
    }
  }

  /** The owner's (step 0) or the leads' (step 1) nudge about a case silent since {@code since}. */
  record Stale(long caseId, Instant since, int step) implements NudgeKey {
    @Override
    public Optional<Instant> episode() {
      return Optional.of(since);
    }

    @Override
    public String toString() {
      return "s:" + caseId + ":" + since.toEpochMilli() + ":" + step;
    }
  }

  /**
   * The warning ({@code breach} false) or breach of the SLA target {@code metric} (an {@code
   * SlaMetric} name) running since {@code since}.
   */
  record Sla(long caseId, String metric, Instant since, boolean breach) implements NudgeKey {
    public Sla {
      Objects.requireNonNull(metric, "metric");
    }

    @Override
    public String toString() {
      return "sla:"
          + caseId
          + ":"
          + metric
          + ":"
          + since.toEpochMilli()
          + (breach ? ":breach" : ":warn");
    }
  }

  /** The note that a customer gave the case a low score at {@code at}. */
  record LowScore(long caseId, Instant at) implements NudgeKey {
    @Override
    public String toString() {
      return "csat:" + caseId + ":" + at.toEpochMilli();
    }
  }

  /** {@code decision}'s message to one of several leads. */
  record ForLead(NudgeKey decision, String leadId) implements NudgeKey {
    public ForLead {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(leadId, "leadId");
    }

    @Override
    public long caseId() {
      return decision.caseId();
    }

    @Override
    public Optional<Instant> episode() {
      return decision.episode();
    }

    @Override
    public String toString() {
      return decision + ":" + leadId;
    }
  }

  /**
   * The decision a stored key names, or empty when it is not one this version writes. A lead's id
   * may itself hold colons (Teams ids do): everything after the decision's own parts is the lead.
   */
  static Optional<NudgeKey> parse(String key) {
    String[] p = key.split(":", -1);
    try {
      NudgeKey decision;
      int used;
      switch (p[0]) {
        case "u", "s" -> {
          if (p.length < 4) {
            return Optional.empty();
          }
          long caseId = Long.parseLong(p[1]);
          Instant since = Instant.ofEpochMilli(Long.parseLong(p[2]));
          int step = Integer.parseInt(p[3]);
          decision =
              p[0].equals("u")
                  ? new Unclaimed(caseId, since, step)
                  : new Stale(caseId, since, step);
          used = 4;
        }
        case "sla" -> {
          if (p.length < 5 || !(p[4].equals("warn") || p[4].equals("breach"))) {
            return Optional.empty();
          }
          decision =
              new Sla(
                  Long.parseLong(p[1]),
                  p[2],
                  Instant.ofEpochMilli(Long.parseLong(p[3])),
                  p[4].equals("breach"));
          used = 5;
        }
        case "csat" -> {
          if (p.length < 3) {
            return Optional.empty();
          }
          decision = new LowScore(Long.parseLong(p[1]), Instant.ofEpochMilli(Long.parseLong(p[2])));
          used = 3;
        }
        default -> {
          return Optional.empty();
        }
      }
      if (p.length == used) {
        return Optional.of(decision);
      }
      String lead = String.join(":", Arrays.copyOfRange(p, used, p.length));
      return Optional.of(decision.forLead(lead));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
