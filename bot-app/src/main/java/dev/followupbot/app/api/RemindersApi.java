package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.webhook.ReminderJson;
import dev.followupbot.core.when.WhenContext;
import dev.followupbot.core.when.WhenGrammar;
import dev.followupbot.core.when.WhenReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/v1/reminders}: set a follow-up reminder for someone (it arrives like one set in
 * chat), once at {@code due_at} or repeating ({@code repeats}, read like {@code remind} reads it,
 * in the recipient's zone), read one, cancel one (which ends its series). The token acts as an
 * admin of its workspace, so it may cancel any of the workspace's reminders.
 */
final class RemindersApi {

  /** Reminders further ahead than this are probably a typo in the year. */
  private static final Duration FURTHEST = Duration.ofDays(5 * 366);

  private final FollowupCore core;
  private final Clock clock;

  RemindersApi(FollowupCore core, Clock clock) {
    this.core = core;
    this.clock = clock;
  }

  void register(ApiRoutes routes) {
    routes.add("POST", "/reminders", this::create);
    routes.add("GET", "/reminders/{number}", this::get);
    routes.add("POST", "/reminders/{number}/cancel", this::cancel);
  }

  private ApiResponse create(ApiCall call) {
    JsonBody body =
        new JsonBody(
            call.body().get(),
            Set.of("recipient", "due_at", "repeats", "note", "case", "case_ref", "actor"));
    Optional<String> recipient = body.userId("recipient", true);
    Optional<String> repeats = body.text("repeats", 200, false);
    Optional<Instant> due = body.instant("due_at", repeats.isEmpty());
    Instant now = clock.instant();
    if (repeats.isPresent() && due.isPresent()) {
      body.problem("repeats", "give due_at or repeats, not both");
    }
    java.time.ZoneId zone =
        recipient
            .map(id -> core.directory().person(call.tenant(), id).zone())
            .orElse(java.time.ZoneOffset.UTC);
    Optional<WhenReading.Repeats> rule = Optional.empty();
    if (repeats.isPresent()) {
      WhenReading read =
          WhenGrammar.whole(
              java.util.Arrays.asList(repeats.get().strip().split("\\s+")),
              0,
              WhenContext.at(now, zone));
      if (read instanceof WhenReading.Repeats r) {
        rule = Optional.of(r);
      } else {
        body.problem(
            "repeats",
            read instanceof WhenReading.Refused refused
                ? refused.problem()
                : "not a repeating rule, e.g. \"every weekday at 9am\"");
      }
    }
    if (due.isPresent() && !due.get().isAfter(now)) {
      body.problem("due_at", "must be in the future");
    } else if (due.isPresent() && due.get().isAfter(now.plus(FURTHEST))) {
      body.problem("due_at", "must be within five years");
    }
    Optional<String> note = body.text("note", Reminder.MAX_NOTE, false);
    Optional<Integer> caseNumber = body.integer("case", 1, 999_999_999);
    Optional<String> caseRef = body.text("case_ref", 120, false);
    if (caseNumber.isPresent() && caseRef.isPresent()) {
      body.problem("case_ref", "give case or case_ref, not both");
    }
    String actor = body.userId("actor", false).orElse("api");
    body.done();
    TenantId tenant = call.tenant();
    Optional<SupportCase> about = Optional.empty();
    if (caseNumber.isPresent()) {
      about =
          Optional.of(
              core.cases()
                  .findByNumber(tenant, caseNumber.get())
                  .orElseThrow(
                      () ->
                          new ApiProblem(
                              404,
                              java.util.List.of(
                                  ApiProblem.Error.of(
                                      "case",
                                      "no case #" + caseNumber.get() + " in this workspace")))));
    } else if (caseRef.isPresent()) {
      about =
          Optional.of(
              core.cases()
                  .find(tenant, new CaseRef(Optional.empty(), caseRef))
                  .orElseThrow(
                      () ->
                          new ApiProblem(
                              404,
                              java.util.List.of(
                                  ApiProblem.Error.of(
                                      "case_ref",
                                      "no case " + caseRef.get() + " in this workspace")))));
    }
    if (rule.isPresent()) {
      Optional<Reminder> first =
          core.reminders()
              .setSeries(
                  tenant,
                  actor,
                  recipient.orElseThrow(),
                  about,
                  rule.get().rule(),
                  rule.get().skipHolidays(),
                  note,
                  zone,
                  Optional.empty());
      return ApiResponse.created(
          json(
              first.orElseThrow(
                  () ->
                      new ApiProblem(
                          422,
                          java.util.List.of(
                              ApiProblem.Error.of(
                                  "repeats", "has no day in the next three years"))))));
    }
    Reminder set =
        core.reminders()
            .set(tenant, actor, recipient.orElseThrow(), about, due.orElseThrow(), note);
    return ApiResponse.created(json(set));
  }

  private ApiResponse get(ApiCall call) {
    return ApiResponse.ok(json(find(call)));
  }

  private ApiResponse cancel(ApiCall call) {
    Reminder r = find(call);
    JsonBody body = new JsonBody(call.body().get(), Set.of("actor"));
    String actor = body.userId("actor", false).orElse("api");
    body.done();
    Reminder after = core.reminders().cancelAsAdmin(call.tenant(), r.number(), actor).orElse(r);
    if (after.status() == ReminderStatus.CANCELLED) {
      return ApiResponse.ok(json(after));
    }
    throw ApiProblem.of(
            409,
            "Reminder "
                + after.number()
                + " is already "
                + after.status().label()
                + "; nothing to cancel.")
        .with("reminder", json(after));
  }

  private Reminder find(ApiCall call) {
    String number = call.param("number");
    return core.reminders()
        .findByNumber(call.tenant(), Integer.parseInt(number))
        .orElseThrow(() -> ApiProblem.notFound("No reminder " + number + " in this workspace."));
  }

  private ObjectNode json(Reminder r) {
    Function<String, String> names = id -> core.directory().name(r.tenant(), id);
    Optional<SupportCase> about = r.caseId().flatMap(id -> core.cases().findById(r.tenant(), id));
    ObjectNode o = ReminderJson.of(r, about, core.reminders().seriesOf(r.id()), names);
    o.putObject("links").put("self", "/api/v1/reminders/" + r.number());
    return o;
  }
}
