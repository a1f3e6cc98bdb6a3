package dev.followupbot.core.service;

import dev.followupbot.core.port.CaseThreads;
import java.util.List;
import java.util.Optional;

/**
 * Cases opened from a form a team member filled in (Slack's modal, Teams' dialog), about a message
 * or about none: the form's problems open nothing, and the owner it names takes the case.
 */
public final class CaseFormIntake {

  private final ConversationIntake intake;
  private final CaseThreads threads;
  private final CaseLifecycle lifecycle;

  CaseFormIntake(ConversationIntake intake, CaseThreads threads, CaseLifecycle lifecycle) {
    this.intake = intake;
    this.threads = threads;
    this.lifecycle = lifecycle;
  }

  /**
   * A team member filled in a form to open a case from {@code root}: its subject, customer and
   * priority are the form's, and the owner it names takes the case (the member themselves claim it;
   * anyone else is handed it). A form with problems opens nothing.
   */
  public IntakeOutcome openFrom(
      Caller memberCaller, ChannelPost root, Caller requester, CaseForm form) {
    if (!form.problems().isEmpty()) {
      return new IntakeOutcome.Ignored("the form has problems: " + form.problems().keySet());
    }
    Actor member = intake.actorOf(memberCaller);
    if (threads.caseOf(member.tenant(), root.channelId(), root.messageId()).isPresent()) {
      return new IntakeOutcome.Ignored("the message is a case already");
    }
    CaseDraft draft =
        new CaseDraft(
            Optional.empty(),
            form.subject(),
            form.customer().or(() -> Optional.of(requester.displayName())),
            form.priority(),
            root.channelId());
    return taken(member, intake.open(member, intake.actorOf(requester), root, draft), form);
  }

  /**
   * A team member filled in the new-case form in a channel, about no message in particular (Slack's
   * {@code /followup} with no text): the case opens in that channel, its card posted there.
   */
  public IntakeOutcome openForm(Caller memberCaller, String channelId, CaseForm form) {
    if (!form.problems().isEmpty()) {
      return new IntakeOutcome.Ignored("the form has problems: " + form.problems().keySet());
    }
    Actor member = intake.actorOf(memberCaller);
    OpenOutcome.Opened opened =
        lifecycle.create(
            member,
            new CaseDraft(
                Optional.empty(), form.subject(), form.customer(), form.priority(), channelId));
    return taken(member, new IntakeOutcome.Opened(opened.opened(), opened.deliveries()), form);
  }

  /**
   * The owner a form names takes the case it opened: the member claims, anyone else is handed it.
   */
  private IntakeOutcome taken(Actor member, IntakeOutcome opened, CaseForm form) {
    if (!(opened instanceof IntakeOutcome.Opened o) || form.owner().isEmpty()) {
      return opened;
    }
    String owner = form.owner().get();
    CaseChange take =
        owner.equals(member.userId())
            ? new CaseChange.Claim()
            : new CaseChange.Assign(owner, Optional.empty());
    CaseOutcome taken = lifecycle.perform(member, o.opened().id(), take);
    List<Long> deliveries = new java.util.ArrayList<>(o.deliveries());
    if (taken instanceof CaseOutcome.Applied applied) {
      deliveries.addAll(applied.deliveries());
      return new IntakeOutcome.Opened(applied.after(), deliveries);
    }
    return opened;
  }
}
