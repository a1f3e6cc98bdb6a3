package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.service.CaseChange;
import dev.followupbot.core.service.CaseOutcome;
import java.util.function.Function;

/**
 * What the REST API answers when a case change was tried: the case, or a 409 with the refusal's
 * stable {@code reason} code and a sentence for the client's logs (the API's own wording, apart
 * from chat's). Asking for the state a case is already in is not an error.
 */
final class CaseAnswers {

  private final CaseResources cases;
  private final dev.followupbot.core.service.Directory directory;

  CaseAnswers(CaseResources cases, dev.followupbot.core.service.Directory directory) {
    this.cases = cases;
    this.directory = directory;
  }

  ApiResponse answer(CaseOutcome outcome, CaseChange change) {
    if (outcome instanceof CaseOutcome.Applied applied) {
      return new ApiResponse(200, cases.json(applied.after(), false), applied.deliveries());
    }
    if (outcome instanceof CaseOutcome.Refused refused) {
      if (alreadyDone(change, refused.current(), refused.refusal())) {
        return ApiResponse.ok(cases.json(refused.current(), false));
      }
      throw ApiProblem.of(409, refusal(refused.current(), refused.refusal(), change))
          .with("reason", JsonNodeFactory.instance.textNode(reason(refused.refusal())))
          .with("case", cases.json(refused.current(), false));
    }
    if (outcome instanceof CaseOutcome.NotFound) {
      throw ApiProblem.notFound("No such case in this workspace.");
    }
    throw ApiProblem.of(
            409, "The case kept changing while this was tried; nothing changed. Try again.")
        .with("reason", JsonNodeFactory.instance.textNode("busy"));
  }

  /** Asking for the state a case is already in changes nothing and is not an error. */
  static boolean alreadyDone(CaseChange change, SupportCase c, Refusal refusal) {
    if (refusal instanceof Refusal.AlreadyYours
        || refusal instanceof Refusal.AlreadyAssigned
        || refusal instanceof Refusal.NothingToChange) {
      return true;
    }
    if (change instanceof CaseChange.Release) {
      return refusal instanceof Refusal.NotClaimed && c.status().isOpen();
    }
    if (change instanceof CaseChange.Resolve) {
      return c.status() == CaseStatus.RESOLVED;
    }
    if (change instanceof CaseChange.Reopen) {
      return c.status().isOpen();
    }
    if (change instanceof CaseChange.Close) {
      return c.status() == CaseStatus.CLOSED;
    }
    if (change instanceof CaseChange.Resume) {
      return c.status() == CaseStatus.CLAIMED;
    }
    return false;
  }

  static String reason(Refusal refusal) {
    return refusal.code();
  }

  private String refusal(SupportCase c, Refusal refusal, CaseChange change) {
    String title = "Case #" + c.number();
    Function<String, String> name = id -> directory.name(c.tenant(), id);
    if (refusal instanceof Refusal.OwnedBySomeoneElse owned) {
      return title
          + " is already "
          + name.apply(owned.ownerId())
          + "'s (since "
          + owned.since()
          + "). Assign it to hand it over.";
    }
    if (refusal instanceof Refusal.OwnerOnly only) {
      return "Only "
          + name.apply(only.ownerId())
          + " (the owner) or an admin can "
          + change.verb()
          + " it.";
    }
    if (refusal instanceof Refusal.NotClaimed) {
      return title + " has no owner yet; claim or assign it first.";
    }
    if (refusal instanceof Refusal.NotOpen notOpen) {
      return title + " is " + notOpen.status().label() + "; reopen it first.";
    }
    Refusal.WrongState wrong = (Refusal.WrongState) refusal;
    if (change instanceof CaseChange.Resume) {
      return title + " isn't waiting on the customer (it's " + wrong.status().label() + ").";
    }
    if (change instanceof CaseChange.Close) {
      return "Only resolved cases can be closed; " + title + " is " + wrong.status().label() + ".";
    }
    return title + " is " + wrong.status().label() + ", so it can't " + change.verb() + ".";
  }
}
