package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every sentence a digest says: a team's summary of its open cases (waiting for an owner, SLAs at
 * risk, cases per owner), a person's morning note, and the answers to {@code digest on|off}.
 */
final class DigestReplies {

  /** How many cases, follow-ups or SLAs at risk a digest lists. */
  static final int LIST = 10;

  /** How many of a person's follow-ups a morning note counts. */
  static final int FOLLOW_UPS = 100;

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private final CaseCards cards;
  private final Directory directory;

  DigestReplies(CaseCards cards, Directory directory) {
    this.cards = cards;
    this.directory = directory;
  }

  /** The team digest for {@code tenant}'s channel, about its {@code open} cases. */
  Message team(SupportTeam team, TenantId tenant, List<SupportCase> open, Instant now) {
    List<SupportCase> unclaimed = new ArrayList<>();
    List<String> atRisk = new ArrayList<>();
    Map<String, Integer> perOwner = new LinkedHashMap<>();
    int dueSoon = 0;
    int breached = 0;
    for (SupportCase c : open) {
      if (c.status() == CaseStatus.UNCLAIMED) {
        unclaimed.add(c);
      } else {
        c.ownerId().ifPresent(o -> perOwner.merge(directory.name(tenant, o), 1, Integer::sum));
      }
      for (SlaStatus s : cards.sla(c)) {
        if (s.state() == SlaState.DUE_SOON || s.state() == SlaState.BREACHED) {
          if (s.state() == SlaState.DUE_SOON) {
            dueSoon++;
          } else {
            breached++;
          }
          atRisk.add(
              CaseViews.title(c)
                  + ": "
                  + s.metric().label()
                  + " "
                  + (s.state() == SlaState.BREACHED
                      ? "breached"
                      : "due in " + TimeFormats.span(s.remaining())));
          break;
        }
      }
    }
    String date = now.atZone(team.zone()).format(DAY);
    String summary =
        open.size()
            + " open · "
            + unclaimed.size()
            + " unclaimed · "
            + dueSoon
            + " due soon · "
            + breached
            + " breached";
    Message.Builder b =
        Message.builder(team.name() + " digest for " + date + ": " + summary)
            .header(team.name() + " digest · " + date)
            .section(summary);
    if (!unclaimed.isEmpty()) {
      b.section("Waiting for an owner:");
      for (SupportCase c : unclaimed.subList(0, Math.min(LIST, unclaimed.size()))) {
        b.section(CaseViews.line(c, id -> directory.name(tenant, id), now));
        b.actions(
            List.of(
                Button.primary("Claim", "claim " + c.number()),
                Button.of("Open case", "show " + c.number())));
      }
    }
    if (!atRisk.isEmpty()) {
      b.section(
          "SLA at risk:\n" + String.join("\n", atRisk.subList(0, Math.min(LIST, atRisk.size()))));
    }
    if (!perOwner.isEmpty()) {
      StringBuilder owners = new StringBuilder("By owner: ");
      perOwner.forEach(
          (name, n) ->
              owners.append(owners.length() > 10 ? " · " : "").append(name).append(' ').append(n));
      b.section(owners.toString());
    }
    b.context("`cases unclaimed` and `cases report week` for more.");
    return b.build();
  }

  /**
   * {@code p}'s morning note about {@code mine} and {@code todays} (not both empty); {@code about}
   * finds the case a listed follow-up is about.
   */
  Message personal(
      Person p,
      List<SupportCase> mine,
      List<Reminder> todays,
      Function<Reminder, Optional<SupportCase>> about,
      Instant now) {
    String summary =
        "Good morning, "
            + p.displayName()
            + ". You have "
            + count(mine.size(), LIST, "open case")
            + " and "
            + count(todays.size(), FOLLOW_UPS, "follow-up")
            + " for today.";
    Message.Builder b = Message.builder(summary).section(summary);
    if (!mine.isEmpty()) {
      StringBuilder lines = new StringBuilder("Your cases:");
      for (SupportCase c : mine.subList(0, Math.min(LIST, mine.size()))) {
        lines.append('\n').append(CaseViews.line(c, id -> directory.name(p.tenant(), id), now));
      }
      b.section(lines.toString());
    }
    if (!todays.isEmpty()) {
      StringBuilder lines = new StringBuilder("Today's follow-ups:");
      for (Reminder r : todays.subList(0, Math.min(LIST, todays.size()))) {
        lines.append('\n').append(ReminderViews.line(r, about.apply(r), p.zone(), now));
      }
      b.section(lines.toString());
    }
    b.context("`cases mine` · `reminders` · `digest off` stops these morning notes.");
    return b.build();
  }

  private static String count(int n, int cap, String noun) {
    String shown = n > cap ? cap + "+" : Integer.toString(n);
    return shown + " " + noun + (n == 1 ? "" : "s");
  }

  Reply personalOff() {
    return Reply.privately("Okay, no more morning digests for you. `digest on` brings them back.");
  }

  /** Morning digests turned on for someone in {@code zone}; their team may not send them. */
  Reply personalOn(ZoneId zone, boolean teamSendsThem) {
    return Reply.privately(
        "Okay: on working days at 9:00 ("
            + zone.getId()
            + ") I'll send you your open cases and the day's follow-ups, when there are any."
            + (teamSendsThem
                ? ""
                : " (Your team has personal digests turned off, so ask an admin to turn them on.)"));
  }
}
