package dev.followupbot.app.api;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.Actor;
import dev.followupbot.core.service.CaseChange;
import dev.followupbot.core.service.CaseDraft;
import dev.followupbot.core.service.CaseOutcome;
import dev.followupbot.core.service.OpenOutcome;
import dev.followupbot.core.team.SupportTeam;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The REST API's writes to cases: a helpdesk's upsert by reference (open, or update the case that
 * has it, then bring it to the status the helpdesk says), edits, and every ownership change, each
 * through the core's one case operation.
 */
final class CaseWrites {

  private static final Pattern CHANNEL = Pattern.compile("[^\\s/]{1,200}");
  private static final String DEFAULT_ACTOR = "api";

  private final FollowupCore core;
  private final CaseResources cases;
  private final CaseAnswers answers;

  CaseWrites(FollowupCore core, CaseResources cases, CaseAnswers answers) {
    this.core = core;
    this.cases = cases;
    this.answers = answers;
  }

  ApiResponse create(ApiCall call) {
    JsonBody body =
        new JsonBody(
            call.body().get(),
            Set.of(
                "external_ref",
                "subject",
                "customer",
                "priority",
                "team",
                "channel",
                "status",
                "note",
                "actor"));
    Optional<String> ref = body.text("external_ref", 120, false);
    if (ref.isPresent() && !CaseResources.EXTERNAL_REF.matcher(ref.get()).matches()) {
      body.problem(
          "external_ref",
          "must start with a letter or digit and have only letters, digits and . _ : / -");
      ref = Optional.empty();
    }
    String subject = body.text("subject", SupportCase.MAX_SUBJECT, true).orElse("");
    Optional<String> customer = body.text("customer", SupportCase.MAX_CUSTOMER, false);
    Optional<Priority> priority = body.priority("priority");
    Optional<String> team = body.text("team", 40, false);
    Optional<String> channel = body.text("channel", 200, false);
    if (channel.isPresent() && !CHANNEL.matcher(channel.get()).matches()) {
      body.problem("channel", "must be a channel id without spaces, e.g. C0456");
    }
    if (team.isPresent() && channel.isPresent()) {
      body.problem("channel", "give team or channel, not both");
    }
    Optional<String> status = body.text("status", 20, false);
    if (status.isPresent() && !status.get().equals("open") && !status.get().equals("resolved")) {
      body.problem("status", "must be open or resolved");
    }
    Optional<String> note = body.text("note", 1000, false);
    String actorId = body.userId("actor", false).orElse(DEFAULT_ACTOR);
    body.done();
    TenantId tenant = call.tenant();
    Optional<SupportCase> existing = ref.flatMap(r -> core.cases().findByExternalRef(tenant, r));
    String channelId;
    if (existing.isPresent()) {
      channelId = existing.get().channelId();
    } else if (team.isPresent()) {
      SupportTeam t = cases.team(team.get(), "team");
      List<String> channels = CaseResources.channelsOf(t, tenant);
      if (channels.isEmpty()) {
        throw ApiProblem.badRequest(
            "team", "team '" + t.id() + "' has no channel in this workspace; give channel instead");
      }
      channelId = channels.get(0);
    } else if (channel.isPresent()) {
      channelId = channel.get();
    } else {
      throw ApiProblem.badRequest(
          "team", "is required for a new case (or give channel): where its card goes");
    }
    Actor actor = cases.actor(tenant, actorId);
    OpenOutcome outcome =
        core.cases()
            .openOrUpdate(actor, new CaseDraft(ref, subject, customer, priority, channelId));
    ApiResponse answer;
    SupportCase now;
    if (outcome instanceof OpenOutcome.Opened opened) {
      answer = new ApiResponse(201, cases.json(opened.opened(), false), opened.deliveries());
      now = opened.opened();
    } else {
      CaseOutcome updated = ((OpenOutcome.Updated) outcome).outcome();
      answer =
          answers.answer(
              updated,
              new CaseChange.Edit(Optional.empty(), Optional.empty(), false, Optional.empty()));
      now = current(updated);
    }
    if (status.isEmpty()) {
      return answer;
    }
    // The state the helpdesk says the case is in. Its requests may arrive in any order; each one
    // says where the case should end up, so a late "created" cannot undo a "solved".
    boolean resolve = status.get().equals("resolved");
    if (resolve ? !now.status().isOpen() : now.status().isOpen()) {
      return answer;
    }
    CaseChange move = resolve ? new CaseChange.Resolve(note) : new CaseChange.Reopen(note);
    ApiResponse moved = answers.answer(core.cases().perform(actor, now.id(), move), move);
    List<Long> deliveries = new ArrayList<>(answer.deliveries());
    deliveries.addAll(moved.deliveries());
    return new ApiResponse(answer.status(), moved.body(), deliveries);
  }

  private static SupportCase current(CaseOutcome outcome) {
    if (outcome instanceof CaseOutcome.Applied applied) {
      return applied.after();
    }
    return ((CaseOutcome.Refused) outcome).current();
  }

  ApiResponse update(ApiCall call) {
    SupportCase c = cases.target(call);
    JsonBody body =
        new JsonBody(call.body().get(), Set.of("subject", "customer", "priority", "actor"));
    if (body.isNull("subject")) {
      body.problem("subject", "cannot be removed");
    }
    Optional<String> subject = body.text("subject", SupportCase.MAX_SUBJECT, false);
    boolean removeCustomer = body.isNull("customer");
    Optional<String> customer = body.text("customer", SupportCase.MAX_CUSTOMER, false);
    Optional<Priority> priority = body.priority("priority");
    String actorId = body.userId("actor", false).orElse(DEFAULT_ACTOR);
    if (!body.has("subject") && !body.has("customer") && !body.has("priority")) {
      body.problem("subject", "nothing to update: give subject, customer or priority");
    }
    body.done();
    CaseChange.Edit edit = new CaseChange.Edit(subject, customer, removeCustomer, priority);
    return answers.answer(
        core.cases().perform(cases.actor(call.tenant(), actorId), c.id(), edit), edit);
  }

  interface ChangeReader {
    CaseChange read(JsonBody body);
  }

  ApiResponse act(ApiCall call, Set<String> fields, ChangeReader reader) {
    SupportCase c = cases.target(call);
    Set<String> allowed = new HashSet<>(fields);
    allowed.add("actor");
    JsonBody body = new JsonBody(call.body().get(), allowed);
    Optional<String> actorId = body.userId("actor", true);
    CaseChange change = reader.read(body);
    body.done();
    Actor actor = cases.actor(call.tenant(), actorId.orElseThrow());
    return answers.answer(core.cases().perform(actor, c.id(), change), change);
  }
}
