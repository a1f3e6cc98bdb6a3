package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Instant;
import java.util.Optional;

/** The auto-resolve rule, one of {@link CaseTimerRules}: what a requester's silence makes due. */
final class SilenceRule {

  private final Directory directory;

  SilenceRule(Directory directory) {
    this.directory = directory;
  }

  /**
   * A case from a conversation that waits on its requester (with no date set for the wait): after
   * {@code auto_resolve_warn_after} of business time its thread asks whether there is anything
   * else, and after {@code auto_resolve_after} it is resolved. Any change to the case (the
   * requester writing, even only "thanks") starts the silence again.
   */
  void plan(SupportCase c, SupportTeam team, Instant now, CaseTimerRules.Plan plan) {
    TeamPolicy.FollowUp policy = team.policy().followUp();
    if (policy.autoResolveAfter().isEmpty()
        || c.status() != CaseStatus.WAITING_ON_CUSTOMER
        || c.waitingUntil().isPresent()
        || c.ownerId().isEmpty()
        || c.source().isEmpty()) {
      return;
    }
    BusinessCalendar cal = team.policy().calendar();
    Instant since = c.lastActivityAt();
    Instant resolveAt = cal.plus(since, policy.autoResolveAfter().get());
    if (!resolveAt.isAfter(now)) {
      plan.silentSince = Optional.of(since);
      return;
    }
    plan.lookAgainAt(resolveAt);
    if (policy.autoResolveWarnAfter().isEmpty()) {
      return;
    }
    Instant askAt = cal.plus(since, policy.autoResolveWarnAfter().get());
    if (askAt.isAfter(now)) {
      plan.lookAgainAt(askAt);
      return;
    }
    CaseSource source = c.source().get();
    Person requester = directory.person(c.tenant(), source.requesterId());
    String mention = NudgeViews.mention(requester.userId(), id -> requester.displayName());
    plan.messages.add(
        OutboxEntry.message(
            DedupeKey.silenceQuestion(c.id(), since.toEpochMilli()),
            new Destination.Channel(
                c.tenant(), source.channelId(), Optional.of(source.messageId())),
            Message.text(CustomerReplies.anythingElse(mention, resolveAt, requester.zone())),
            Optional.of(c.id()),
            now));
  }
}
