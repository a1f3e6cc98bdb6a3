package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How cases look in messages: the channel card, one-line summaries and the detailed view. */
final class CaseViews {

  private CaseViews() {}

  /** "#42 · Refund for Acme". */
  static String title(SupportCase c) {
    return "#" + c.number() + " · " + c.subject();
  }

  /**
   * The card posted in the case's channel and kept up to date. Times are in {@code zone}: the
   * team's, because many people read the same card, or the one reader's in a direct chat; each
   * names its zone.
   */
  static Message card(SupportCase c, Function<String, String> nameOf, ZoneId zone, Instant now) {
    return card(c, List.of(), nameOf, zone, now);
  }

  /** The card with the case's SLA targets as they stand. */
  static Message card(
      SupportCase c,
      List<SlaStatus> sla,
      Function<String, String> nameOf,
      ZoneId zone,
      Instant now) {
    String owner = c.ownerId().map(nameOf).orElse("nobody yet");
    List<Block.Fact> facts = new ArrayList<>();
    c.customer().ifPresent(customer -> facts.add(new Block.Fact("Customer", customer)));
    facts.add(new Block.Fact("Priority", c.priority().label()));
    facts.add(new Block.Fact("Status", c.status().label()));
    facts.add(new Block.Fact("Owner", owner));
    facts.add(
        new Block.Fact(
            "Opened",
            TimeFormats.when(c.createdAt(), zone, now)
                + " "
                + shortZone(zone)
                + " by "
                + nameOf.apply(c.createdBy())));
    c.externalRef().ifPresent(ref -> facts.add(new Block.Fact("Reference", ref)));
    if (!sla.isEmpty()) {
      facts.add(new Block.Fact("SLA", sla(sla, zone, now)));
    }
    String fallback =
        "Case "
            + title(c)
            + ": "
            + c.status().label()
            + (c.ownerId().isPresent() ? ", owned by " + owner : "");
    return Message.builder(fallback)
        .header(title(c))
        .facts(facts)
        .actions(cardButtons(c))
        .context(ageLine(c, nameOf, zone, now))
        .build();
  }

  private static List<Button> cardButtons(SupportCase c) {
    String n = Integer.toString(c.number());
    switch (c.status()) {
      case UNCLAIMED:
        return List.of(Button.primary("Claim", "claim " + n), Button.of("Resolve", "resolve " + n));
      case CLAIMED:
      case WAITING_ON_CUSTOMER:
        return List.of(
            Button.of("Release", "release " + n), Button.primary("Resolve", "resolve " + n));
      case RESOLVED:
      case CLOSED:
      default:
        return List.of(Button.of("Reopen", "reopen " + n));
    }
  }

  private static String ageLine(
      SupportCase c, Function<String, String> nameOf, ZoneId zone, Instant now) {
    Duration age = Duration.between(c.createdAt(), now);
    String line = "Open for " + TimeFormats.span(age);
    if (c.status() == CaseStatus.RESOLVED || c.status() == CaseStatus.CLOSED) {
      line =
          "Resolved "
              + c.resolvedAt()
                  .map(at -> TimeFormats.when(at, zone, now) + " " + shortZone(zone))
                  .orElse("");
    } else if (c.status() == CaseStatus.WAITING_ON_CUSTOMER && c.waitingUntil().isPresent()) {
      line +=
          " · waiting until "
              + TimeFormats.when(c.waitingUntil().get(), zone, now)
              + " "
              + shortZone(zone);
    }
    return line;
  }

  /**
   * What a message about a case (its card, a nudge, a hand-off note) says after someone changed the
   * case from one of its buttons: the card as it is now, and who did what, when.
   */
  static Message handled(
      SupportCase c,
      List<SlaStatus> sla,
      CaseEvent event,
      Function<String, String> nameOf,
      ZoneId zone,
      Instant now) {
    Message card = card(c, sla, nameOf, zone, now);
    Message.Builder b = Message.builder(card.fallbackText());
    card.blocks().forEach(b::add);
    b.context(
        nameOf.apply(event.actorId())
            + " "
            + describe(event, nameOf)
            + " at "
            + TimeFormats.when(event.at(), zone, now)
            + " "
            + shortZone(zone)
            + ".");
    return b.build();
  }

  /** "#42 · Refund for Acme — high, claimed by Dana, 3 h old". */
  static String line(SupportCase c, Function<String, String> nameOf, Instant now) {
    StringBuilder s =
        new StringBuilder(title(c)).append(" — ").append(c.priority().label()).append(", ");
    if (c.ownerId().isPresent() && c.status() != CaseStatus.UNCLAIMED) {
      s.append(c.status() == CaseStatus.CLAIMED ? "claimed" : c.status().label())
          .append(" by ")
          .append(nameOf.apply(c.ownerId().get()));
    } else {
      s.append(c.status().label());
    }
    s.append(", ").append(TimeFormats.span(Duration.between(c.createdAt(), now))).append(" old");
    c.customer().ifPresent(customer -> s.append(" (").append(customer).append(")"));
    return s.toString();
  }

  /** Everything about a case, with its history in the reader's zone. */
  static Message detail(
      SupportCase c,
      List<SlaStatus> sla,
      List<CaseEvent> history,
      Function<String, String> nameOf,
      ZoneId zone,
      Instant now) {
    Message card = card(c, sla, nameOf, zone, now);
    Message.Builder b = Message.builder(card.fallbackText());
    card.blocks().forEach(b::add);
    if (!history.isEmpty()) {
      StringBuilder h = new StringBuilder("History:");
      int from = Math.max(0, history.size() - 15);
      if (from > 0) {
        h.append("\n… ").append(from).append(" earlier changes");
      }
      for (CaseEvent e : history.subList(from, history.size())) {
        h.append("\n")
            .append(TimeFormats.when(e.at(), zone, now))
            .append("  ")
            .append(nameOf.apply(e.actorId()))
            .append(" ")
            .append(describe(e, nameOf))
            .append(e.via().map(v -> " (via " + v + ")").orElse(""));
      }
      b.section(h.toString());
    }
    return b.build();
  }

  private static String describe(CaseEvent e, Function<String, String> nameOf) {
    String reason = e.reason().map(r -> ": " + r).orElse("");
    switch (e.action()) {
      case CREATED:
        return "opened it" + reason;
      case CLAIMED:
        return "claimed it";
      case RELEASED:
        return "released it";
      case ASSIGNED:
        return "assigned it to " + e.toOwner().map(nameOf).orElse("?") + reason;
      case WAITING:
        return "set it waiting on the customer";
      case RESUMED:
        return "resumed work";
      case RESOLVED:
        return "resolved it" + reason;
      case REOPENED:
        return "reopened it" + reason;
      case PROGRESS:
        return "reported progress" + reason;
      case ANSWERED:
        return "answered the customer" + reason;
      case FIRST_RESPONSE:
        return "answered in the thread (first response)";
      case CUSTOMER_REPLIED:
        return "wrote in the thread; the team's turn";
      case CUSTOMER_ACKNOWLEDGED:
        return "said thanks in the thread; it still waits on them";
      case RATED:
        return "recorded the customer's satisfaction" + reason;
      case UPDATED:
        return "updated it" + reason;
      case CLOSED:
      default:
        return "closed it";
    }
  }

  /** "first response met · resolution due soon, 35 min left (by 14:20)". */
  static String sla(List<SlaStatus> targets, ZoneId zone, Instant now) {
    StringBuilder s = new StringBuilder();
    for (SlaStatus t : targets) {
      if (s.length() > 0) {
        s.append(" · ");
      }
      s.append(t.metric().label()).append(' ');
      switch (t.state()) {
        case RUNNING:
        case DUE_SOON:
          s.append(t.state() == SlaState.DUE_SOON ? "due soon, " : "")
              .append(TimeFormats.span(t.remaining()))
              .append(" left");
          t.deadline()
              .ifPresent(
                  d ->
                      s.append(" (by ")
                          .append(TimeFormats.when(d, zone, now))
                          .append(' ')
                          .append(shortZone(zone))
                          .append(')'));
          break;
        case PAUSED:
          s.append("paused while waiting on the customer, ")
              .append(TimeFormats.span(t.remaining()))
              .append(" left");
          break;
        case BREACHED:
          s.append("breached");
          if (t.remaining().isNegative()) {
            s.append(" by ").append(TimeFormats.span(t.remaining().negated()));
          }
          break;
        default:
          s.append(t.state().label());
          break;
      }
    }
    return s.toString();
  }

  static String shortZone(ZoneId zone) {
    String id = zone.getId();
    return id.equals("Z") || id.equals("Etc/UTC") ? "UTC" : id;
  }
}
