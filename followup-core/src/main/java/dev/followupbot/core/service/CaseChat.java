package dev.followupbot.core.service;

import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.team.AccessPolicy;
import java.time.Clock;
import java.util.Optional;

/**
 * The case verbs as a person types them in chat: each runs the {@link CaseLifecycle} as the caller
 * and answers in a sentence, privately, with what the clicked card should now show.
 */
final class CaseChat {

  private final CaseRepository cases;
  private final Directory directory;
  private final AccessPolicy access;
  private final CaseCards cards;
  private final CaseLifecycle lifecycle;
  private final CaseRefusals refusals;
  private final Clock clock;

  CaseChat(
      CaseRepository cases,
      Directory directory,
      AccessPolicy access,
      CaseCards cards,
      CaseLifecycle lifecycle,
      CaseRefusals refusals,
      Clock clock) {
    this.cases = cases;
    this.directory = directory;
    this.access = access;
    this.cards = cards;
    this.lifecycle = lifecycle;
    this.refusals = refusals;
    this.clock = clock;
  }

  /** Opens a case in the caller's channel and queues its card. */
  Reply open(Caller caller, Command.NewCase command) {
    TenantId tenant = caller.tenant();
    if (command.externalRef().isPresent()) {
      Optional<SupportCase> existing = cases.findByExternalRef(tenant, command.externalRef().get());
      if (existing.isPresent()) {
        return Reply.privately(
            "There is already a case for "
                + command.externalRef().get()
                + ": "
                + CaseViews.title(existing.get())
                + ". `show "
                + existing.get().number()
                + "` to see it.");
      }
    }
    OpenOutcome.Opened opened =
        lifecycle.create(
            actorOf(caller),
            new CaseDraft(
                command.externalRef(),
                command.subject(),
                command.customer(),
                Optional.of(command.priority()),
                caller.channelId()));
    SupportCase created = opened.opened();
    String n = Integer.toString(created.number());
    String who = created.customer().map(c -> " for " + c).orElse("");
    Message message =
        Message.builder("Opened case " + CaseViews.title(created))
            .section(
                "Opened case "
                    + CaseViews.title(created)
                    + who
                    + " ("
                    + created.priority().label()
                    + "). It's unclaimed: `claim "
                    + n
                    + "` to take it.")
            // No Claim button here: this answer is never updated, so a button would go stale;
            // the case card carries it and follows the case.
            .build();
    return Reply.privately(message).withDeliveries(opened.deliveries());
  }

  Reply claim(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Claim(),
        (after, event) -> "You own " + CaseViews.title(after) + " now. Thank you for taking it!");
  }

  Reply release(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Release(),
        (after, event) ->
            "You released " + CaseViews.title(after) + ". It's back in the team's queue.");
  }

  Reply assign(Caller caller, Command.Assign command) {
    Optional<Person> assignee = directory.resolve(caller.tenant(), command.assignee());
    if (assignee.isEmpty()) {
      return Reply.privately(
          "I don't know "
              + command.assignee().display()
              + " yet. Mention them with @ so your chat app fills in who they are.");
    }
    Person to = assignee.get();
    return change(
        caller,
        command.ref(),
        new CaseChange.Assign(to.userId(), command.reason()),
        (after, event) -> {
          if (to.userId().equals(caller.userId())) {
            return "You own " + CaseViews.title(after) + " now.";
          }
          return CaseViews.title(after) + " is now " + to.displayName() + "'s. I've let them know.";
        });
  }

  Reply waitOnCustomer(Caller caller, Command.Wait command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Wait(command.until()),
        (after, event) ->
            CaseViews.title(after)
                + " is waiting on the customer. "
                + command
                    .until()
                    .map(
                        u ->
                            "I'll remind "
                                + (after.isOwnedBy(caller.userId()) ? "you" : "its owner")
                                + " "
                                + TimeFormats.when(u, caller.zone(), clock.instant())
                                + " if nothing changes.")
                    .orElse("`resume " + after.number() + "` when they reply."));
  }

  Reply resume(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Resume(),
        (after, event) -> CaseViews.title(after) + " is back in progress.");
  }

  Reply resolve(Caller caller, Command.Resolve command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Resolve(command.note()),
        (after, event) -> "Resolved " + CaseViews.title(after) + ". Nice work!");
  }

  Reply reopen(Caller caller, Command.Reopen command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Reopen(command.reason()),
        (after, event) ->
            CaseViews.title(after)
                + " is open again"
                + after
                    .ownerId()
                    .map(
                        o ->
                            " and back with "
                                + (o.equals(caller.userId())
                                    ? "you"
                                    : directory.name(caller.tenant(), o))
                                + ".")
                    .orElse(", unclaimed. `claim " + after.number() + "` to take it."));
  }

  Reply close(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Close(),
        (after, event) -> "Closed " + CaseViews.title(after) + ".");
  }

  Reply show(Caller caller, CaseRef ref) {
    Optional<SupportCase> found = lifecycle.find(caller.tenant(), ref);
    if (found.isEmpty()) {
      return CaseRefusals.notFound(ref);
    }
    return Reply.privately(cards.detail(found.get(), caller.zone()));
  }

  /** The owner is still on it: resets the case's stale timer. */
  Reply progress(Caller caller, Command.Progress command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Progress(command.note()),
        (after, event) ->
            "Noted: you're still on "
                + CaseViews.title(after)
                + ". I'll check back if it goes quiet.");
  }

  /** The owner answered the customer: the first time, that is the case's first response. */
  Reply answered(Caller caller, Command.Answered command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Answered(command.note()),
        (after, event) ->
            after.firstResponseAt().filter(t -> t.equals(event.at())).isPresent()
                ? "Noted the first response on " + CaseViews.title(after) + "."
                : "Noted your answer on " + CaseViews.title(after) + ".");
  }

  private interface Success {
    String text(SupportCase after, CaseEvent event);
  }

  private Reply change(Caller caller, CaseRef ref, CaseChange change, Success success) {
    CaseOutcome outcome = lifecycle.perform(actorOf(caller), ref, change);
    if (outcome instanceof CaseOutcome.NotFound) {
      return CaseRefusals.notFound(ref);
    }
    if (outcome instanceof CaseOutcome.Refused refused) {
      return Reply.privately(
          refusals.refusalText(caller, refused.current(), refused.refusal(), change.verb()));
    }
    if (outcome instanceof CaseOutcome.Applied applied) {
      return Reply.privately(Message.text(success.text(applied.after(), applied.event())))
          .withDeliveries(applied.deliveries())
          .withUpdate(cards.handled(applied.after(), applied.event()));
    }
    return Reply.privately(
        "That case is changing very quickly right now. Please try again in a moment.");
  }

  boolean admin(Caller caller) {
    return access.isAdmin(caller.ref());
  }

  /** The person typing, with the rights the configuration gives them. */
  Actor actorOf(Caller caller) {
    return new Actor(
        caller.tenant(),
        caller.userId(),
        caller.displayName(),
        caller.zone(),
        admin(caller),
        Optional.empty());
  }
}
