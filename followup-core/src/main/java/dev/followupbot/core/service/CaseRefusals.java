package dev.followupbot.core.service;

import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.SupportCase;
import java.time.Clock;
import java.time.Instant;

/**
 * What a person in chat is told when a case change is refused or the case is not there: who owns
 * it, since when, and what to type instead.
 */
final class CaseRefusals {

  private final Directory directory;
  private final Clock clock;

  CaseRefusals(Directory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  String refusalText(Caller caller, SupportCase c, Refusal refusal, String verb) {
    String title = CaseViews.title(c);
    String n = Integer.toString(c.number());
    Instant now = clock.instant();
    if (refusal instanceof Refusal.OwnedBySomeoneElse owned) {
      String owner = directory.name(caller.tenant(), owned.ownerId());
      return title
          + " is already "
          + owner
          + "'s, since "
          + TimeFormats.when(owned.since(), caller.zone(), now)
          + " ("
          + TimeFormats.relative(owned.since(), now)
          + "). To take it over, ask "
          + owner
          + " to hand it to you with `assign "
          + n
          + " @"
          + caller.displayName()
          + "`.";
    }
    if (refusal instanceof Refusal.AlreadyYours) {
      return "You already own " + title + ".";
    }
    if (refusal instanceof Refusal.OwnerOnly only) {
      String owner = directory.name(caller.tenant(), only.ownerId());
      return "Only "
          + owner
          + " (the owner) or an admin can "
          + verb
          + " "
          + title
          + ". You could ask "
          + owner
          + ".";
    }
    if (refusal instanceof Refusal.NotClaimed) {
      return verb.equals("release")
          ? title + " isn't claimed, so there's nothing to release."
          : title + " has no owner yet. `claim " + n + "` first.";
    }
    if (refusal instanceof Refusal.NotOpen notOpen) {
      return title
          + " is "
          + notOpen.status().label()
          + ". `reopen "
          + n
          + "` first if it needs more work.";
    }
    if (refusal instanceof Refusal.NothingToChange) {
      return title + " already reads that way; nothing changed.";
    }
    if (refusal instanceof Refusal.AlreadyAssigned assigned) {
      return title
          + " already belongs to "
          + directory.name(caller.tenant(), assigned.ownerId())
          + ".";
    }
    Refusal.WrongState wrong = (Refusal.WrongState) refusal;
    switch (verb) {
      case "resume":
        return title + " isn't waiting on the customer (it's " + wrong.status().label() + ").";
      case "reopen":
        return title + " is still open (" + wrong.status().label() + "); nothing to reopen.";
      case "close":
        return "Only resolved cases can be closed; "
            + title
            + " is "
            + wrong.status().label()
            + ". `resolve "
            + n
            + "` first.";
      default:
        return title + " is " + wrong.status().label() + ", so I can't " + verb + " it.";
    }
  }

  static Reply notFound(CaseRef ref) {
    return Reply.privately(
        "I can't find case " + ref.display() + " here. `cases` lists the open ones.");
  }
}
