package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code csat <case> <score>}: the customer's satisfaction, recorded with the case's history; a low
 * score does what the team's policy says (tell the leads, reopen the case).
 */
final class CaseRatings {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseService.class);

  private final Transactions tx;
  private final CaseRepository cases;
  private final CaseCards cards;
  private final CaseWatch watch;
  private final FeedbackRepository feedback;
  private final WebhookEvents webhooks;
  private final CaseLifecycle lifecycle;
  private final CaseChat chat;
  private final Clock clock;

  CaseRatings(
      Transactions tx,
      CaseRepository cases,
      CaseCards cards,
      CaseWatch watch,
      FeedbackRepository feedback,
      WebhookEvents webhooks,
      CaseLifecycle lifecycle,
      CaseChat chat,
      Clock clock) {
    this.tx = tx;
    this.cases = cases;
    this.cards = cards;
    this.watch = watch;
    this.feedback = feedback;
    this.webhooks = webhooks;
    this.lifecycle = lifecycle;
    this.chat = chat;
    this.clock = clock;
  }

  /** Records the customer's satisfaction; a low score does what the team's policy says. */
  Reply csat(Caller caller, Command.Csat command) {
    Optional<SupportCase> found = lifecycle.find(caller.tenant(), command.ref());
    if (found.isEmpty()) {
      return CaseRefusals.notFound(command.ref());
    }
    SupportCase c = found.get();
    Instant now = clock.instant();
    String reason = command.score() + "/5" + command.comment().map(text -> ": " + text).orElse("");
    tx.run(
        () -> {
          feedback.record(
              new dev.followupbot.core.domain.CaseFeedback(
                  c.tenant(), c.id(), command.score(), command.comment(), caller.userId(), now));
          long eventId =
              cases.append(
                  c.tenant(),
                  new CaseEvent(
                      c.id(),
                      now,
                      caller.userId(),
                      CaseAction.RATED,
                      Optional.of(c.status()),
                      c.status(),
                      c.ownerId(),
                      c.ownerId(),
                      Optional.of(reason)));
          webhooks.csat(c, eventId, command.score(), command.comment(), caller.userId(), now);
        });
    webhooks.announce(c.id());
    log.info(
        "csat recorded tenant={} case={} score={} by={}",
        c.tenant(),
        c.number(),
        command.score(),
        caller.userId());
    dev.followupbot.core.team.TeamPolicy.Csat policy = cards.teamOf(c).policy().csat();
    StringBuilder text =
        new StringBuilder("Recorded ")
            .append(command.score())
            .append("/5 for ")
            .append(CaseViews.title(c))
            .append(".");
    if (command.score() > policy.lowScore()) {
      return Reply.privately(text.append(" Thank you!").toString());
    }
    List<Long> deliveries = new ArrayList<>();
    if (policy.onLow().notifiesLead()) {
      watch.lowScore(c, command.score(), now);
      text.append(" I've let the team's leads know.");
    }
    if (policy.onLow().reopens() && !c.status().isOpen()) {
      Reply reopened =
          chat.reopen(
              caller,
              new Command.Reopen(command.ref(), Optional.of("customer rated it " + reason)));
      deliveries.addAll(reopened.deliveries());
      text.append(" ").append(reopened.message().fallbackText());
    }
    return Reply.privately(text.toString()).withDeliveries(deliveries);
  }
}
