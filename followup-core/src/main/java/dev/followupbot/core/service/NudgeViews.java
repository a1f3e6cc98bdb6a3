package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How nudges read: one short, courteous line per case saying what is wanted and why, with the
 * buttons that do it. Several nudges for one recipient become one message. People are mentioned as
 * {@code <@id>}, which every renderer turns into its platform's mention.
 */
final class NudgeViews {

  /** Stays inside Slack's 50 blocks: a header, then at most this many cases of two blocks each. */
  static final int MAX_CASES = 20;

  private NudgeViews() {}

  /** One nudge, about one case, ready to render. */
  record Item(Nudge nudge, SupportCase c, Optional<SlaStatus> sla, String ownerName) {}

  static Message render(
      List<Item> items,
      String recipientName,
      ZoneId zone,
      Instant now,
      Function<String, String> names) {
    if (items.size() == 1) {
      Item i = items.get(0);
      String line = line(i, recipientName, zone, now, names);
      Message.Builder one = Message.builder(line).section(line).actions(buttons(i));
      thread(i).ifPresent(one::context);
      return one.build();
    }
    List<Item> shown = items.subList(0, Math.min(items.size(), MAX_CASES));
    String head =
        items.stream().allMatch(i -> i.nudge().toChannel())
            ? items.size() + " cases need attention"
            : recipientName + ", " + items.size() + " cases need your attention";
    Message.Builder b = Message.builder(head + ".").header(head);
    for (Item i : shown) {
      b.section(line(i, recipientName, zone, now, names)).actions(buttons(i));
      thread(i).ifPresent(b::context);
    }
    if (items.size() > shown.size()) {
      b.context((items.size() - shown.size()) + " more: `cases` lists them all.");
    }
    return b.build();
  }

  /** A case from a conversation links its thread, where the customer's messages are. */
  private static java.util.Optional<String> thread(Item i) {
    return i.c().source().flatMap(s -> s.permalink()).map(link -> "The conversation: " + link);
  }

  private static String line(
      Item i, String recipientName, ZoneId zone, Instant now, Function<String, String> names) {
    SupportCase c = i.c();
    String title = CaseViews.title(c) + c.customer().map(x -> " for " + x).orElse("");
    String waited = TimeFormats.span(java.time.Duration.between(c.lastActivityAt(), now));
    String mentions =
        i.nudge().mentions().isEmpty()
            ? ""
            : String.join(" ", i.nudge().mentions().stream().map(id -> mention(id, names)).toList())
                + " ";
    switch (i.nudge().kind()) {
      case UNCLAIMED:
        if (i.nudge().toChannel()) {
          return mentions
              + "👋 "
              + title
              + " ("
              + c.priority().label()
              + ") has waited "
              + waited
              + " for an owner. Could someone take it?";
        }
        return "👋 Hi "
            + recipientName
            + ", "
            + title
            + " ("
            + c.priority().label()
            + ") has had no owner for "
            + waited
            + ". Could you take it, or find someone who can?";
      case STALE:
        if (i.nudge().step() == 0) {
          return "Hi "
              + recipientName
              + ", "
              + title
              + " hasn't moved for "
              + waited
              + ". Where does it stand?";
        }
        return "Hi "
            + recipientName
            + ", "
            + i.ownerName()
            + "'s case "
            + title
            + " has had no activity for "
            + waited
            + ", and my nudge to "
            + i.ownerName()
            + " went unanswered.";
      case SLA_WARNING:
        return mentions
            + "⏳ "
            + title
            + ": "
            + i.sla().map(s -> slaWarning(s, zone, now)).orElse("an SLA target is close")
            + ".";
      case SLA_BREACH:
        return mentions
            + "🔴 "
            + title
            + " "
            + i.sla().map(NudgeViews::slaBreach).orElse("missed an SLA target")
            + (c.ownerId().isPresent() && c.status() != CaseStatus.UNCLAIMED
                ? " Owner: " + i.ownerName() + "."
                : " It has no owner yet.");
      case LOW_CSAT:
      default:
        return "⚠️ " + title + " got a low satisfaction score. Owner: " + i.ownerName() + ".";
    }
  }

  /** A person's mention as every renderer reads it: {@code <@id|Name>}. */
  static String mention(String userId, Function<String, String> names) {
    String name = names.apply(userId).replace(">", "").replace("|", "");
    return "<@" + userId + "|" + name + ">";
  }

  private static String slaWarning(SlaStatus s, ZoneId zone, Instant now) {
    return s.metric().label()
        + " is due in "
        + TimeFormats.span(s.remaining())
        + s.deadline()
            .map(
                d ->
                    " (by "
                        + TimeFormats.when(d, zone, now)
                        + " "
                        + CaseViews.shortZone(zone)
                        + ")")
            .orElse("");
  }

  private static String slaBreach(SlaStatus s) {
    return "missed its "
        + s.metric().label()
        + " target of "
        + TimeFormats.span(s.target())
        + (s.remaining().isNegative() ? " by " + TimeFormats.span(s.remaining().negated()) : "")
        + ".";
  }

  private static List<Button> buttons(Item i) {
    String n = Integer.toString(i.c().number());
    List<Button> out = new ArrayList<>();
    boolean unclaimed = i.c().status() == CaseStatus.UNCLAIMED;
    switch (i.nudge().kind()) {
      case STALE:
        if (i.nudge().step() == 0) {
          out.add(Button.primary("Still on it", "progress " + n));
          out.add(Button.of("Waiting on customer", "wait " + n));
          out.add(Button.of("Hand off", "release " + n));
          out.add(Button.of("Resolve", "resolve " + n));
          return out;
        }
        break;
      case SLA_WARNING:
        if (!unclaimed
            && i.c().firstResponseAt().isEmpty()
            && i.sla().map(s -> s.metric() == SlaMetric.FIRST_RESPONSE).orElse(false)) {
          out.add(Button.primary("I've answered", "answered " + n));
        }
        break;
      default:
        break;
    }
    if (unclaimed) {
      out.add(0, Button.primary("Claim", "claim " + n));
    }
    out.add(Button.of("Open case", "show " + n));
    return out;
  }
}
