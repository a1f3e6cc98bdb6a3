package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.Transition;
import java.time.Instant;
import java.util.Optional;

/** Which transition of the case a requested change is, for {@link CaseLifecycle}. */
final class CaseTransitions {

  private CaseTransitions() {}

  /**
   * The change {@code actor} asks of {@code c} at {@code now}; a reply in a conversation carries
   * its message's own time instead.
   */
  static Transition of(Actor actor, SupportCase c, CaseChange change, Instant now) {
    String who = actor.userId();
    boolean admin = actor.admin();
    if (change instanceof CaseChange.Claim) {
      return c.claim(who, now);
    }
    if (change instanceof CaseChange.Release) {
      return c.release(who, admin, now);
    }
    if (change instanceof CaseChange.Assign a) {
      return c.assign(who, admin, a.assigneeId(), a.reason(), now);
    }
    if (change instanceof CaseChange.Wait w) {
      return c.waitOnCustomer(who, admin, w.until(), now);
    }
    if (change instanceof CaseChange.Resume) {
      return c.resume(who, admin, now);
    }
    if (change instanceof CaseChange.Resolve r) {
      return c.resolve(who, admin, r.note(), now);
    }
    if (change instanceof CaseChange.Reopen r) {
      return c.reopen(who, r.reason(), now);
    }
    if (change instanceof CaseChange.Close) {
      return c.close(who, admin, now);
    }
    if (change instanceof CaseChange.Progress p) {
      return c.progress(who, admin, p.note(), now);
    }
    if (change instanceof CaseChange.Answered a) {
      return c.answered(who, admin, a.note(), now);
    }
    if (change instanceof CaseChange.TeamReplied r) {
      return c.teamReplied(who, r.claims(), r.at());
    }
    if (change instanceof CaseChange.CustomerReplied r) {
      return c.customerReplied(who, r.reopenWithin(), r.at());
    }
    if (change instanceof CaseChange.CustomerAcknowledged a) {
      return c.customerAcknowledged(who, a.at());
    }
    if (change instanceof CaseChange.SilenceOver s) {
      return c.resolveAfterSilence(s.since(), now);
    }
    CaseChange.Edit e = (CaseChange.Edit) change;
    Optional<String> customer =
        e.removeCustomer() ? Optional.empty() : e.customer().or(c::customer);
    return c.edit(
        who, e.subject().orElse(c.subject()), customer, e.priority().orElse(c.priority()), now);
  }
}
