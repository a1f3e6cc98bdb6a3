package dev.followupbot.core.service;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.sla.SlaClock;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a case's card as it is now, with its SLA targets, in its readers' time zone (the team's,
 * or the person's own in their direct chat with the bot): the card, the detail view and the message
 * a click turns into all say the same thing. Every time names its zone.
 */
public final class CaseCards {

  private final SupportTeams teams;
  private final CaseRepository cases;
  private final Directory directory;
  private final Messengers messengers;
  private final Clock clock;

  public CaseCards(
      SupportTeams teams,
      CaseRepository cases,
      Directory directory,
      Messengers messengers,
      Clock clock) {
    this.teams = teams;
    this.cases = cases;
    this.directory = directory;
    this.messengers = messengers;
    this.clock = clock;
  }

  /** The team whose rules apply in a channel of the tenant. */
  public SupportTeam teamOf(dev.followupbot.core.domain.TenantId tenant, String channelId) {
    return teams.forChannel(tenant, channelId);
  }

  public SupportTeam teamOf(SupportCase c) {
    return teams.forChannel(c.tenant(), c.channelId());
  }

  /**
   * The zone the card's readers read times in: the person's own, when the case lives in their
   * direct chat with the bot (one reader); otherwise the team's, which the card names.
   */
  public ZoneId zoneOf(SupportCase c) {
    return messengers
        .forPlatform(c.tenant().platform())
        .flatMap(m -> m.soleReader(c.tenant(), c.channelId()))
        .map(reader -> directory.person(c.tenant(), reader).zone())
        .orElseGet(() -> teamOf(c).zone());
  }

  public List<SlaStatus> sla(SupportCase c, List<CaseEvent> history) {
    return SlaClock.evaluate(c, history, teamOf(c).policy(), clock.instant());
  }

  public List<SlaStatus> sla(SupportCase c) {
    return sla(c, cases.history(c.tenant(), c.id()));
  }

  public Message card(SupportCase c) {
    return CaseViews.card(c, sla(c), names(c), zoneOf(c), clock.instant());
  }

  /** The card, with who did what and when underneath. */
  public Message handled(SupportCase c, CaseEvent event) {
    return CaseViews.handled(c, sla(c), event, names(c), zoneOf(c), clock.instant());
  }

  /** Everything about the case, with times in the reader's zone. */
  public Message detail(SupportCase c, ZoneId readerZone) {
    List<CaseEvent> history = cases.history(c.tenant(), c.id());
    Instant now = clock.instant();
    return CaseViews.detail(c, sla(c, history), history, names(c), readerZone, now);
  }

  private Function<String, String> names(SupportCase c) {
    return id -> directory.name(c.tenant(), id);
  }
}
