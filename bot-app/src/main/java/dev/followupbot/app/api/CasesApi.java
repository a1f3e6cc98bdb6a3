package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseSearch;
import dev.followupbot.core.service.Actor;
import dev.followupbot.core.service.CaseChange;
import dev.followupbot.core.service.CaseDraft;
import dev.followupbot.core.service.CaseOutcome;
import dev.followupbot.core.service.OpenOutcome;
import dev.followupbot.core.team.SupportTeam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/cases}: open (or update by helpdesk reference), read, list, edit, and every
 * ownership change, each through the same core operation chat uses. The token acts as an admin of
 * its workspace; the request names the person acting, and the history says it came via the API.
 */
final class CasesApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String VIA = "API";

  /** The same references chat accepts (ref:ZD-4211), at most 120 characters. */
  private static final Pattern EXTERNAL_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}");

  private static final Pattern CHANNEL = Pattern.compile("[^\\s/]{1,200}");
  private static final String DEFAULT_ACTOR = "api";

  private final FollowupCore core;
  private final Clock clock;

  CasesApi(FollowupCore core, Clock clock) {
    this.core = core;
    this.clock = clock;
  }

  void register(ApiRoutes routes) {
    routes.add("POST", "/cases", this::create);
    routes.add("GET", "/cases", this::list);
    for (String base : List.of("/cases/{number}", "/cases/by-ref/{external_ref}")) {
      routes.add("GET", base, this::get);
      routes.add("PATCH", base, this::update);
      routes.add(
          "POST", base + "/claim", call -> act(call, Set.of(), body -> new CaseChange.Claim()));
      routes.add(
          "POST", base + "/release", call -> act(call, Set.of(), body -> new CaseChange.Release()));
      routes.add(
          "POST",
          base + "/assign",
          call ->
              act(
                  call,
                  Set.of("assignee", "reason"),
                  body ->
                      new CaseChange.Assign(
                          body.userId("assignee", true).orElse(""),
                          body.text("reason", 1000, false))));
      routes.add(
          "POST",
          base + "/wait",
          call ->
              act(
                  call,
                  Set.of("until"),
                  body -> {
                    Optional<Instant> until = body.instant("until", false);
                    if (until.isPresent() && !until.get().isAfter(clock.instant())) {
                      body.problem("until", "must be in the future");
                    }
                    return new CaseChange.Wait(until);
                  }));
      routes.add(
          "POST", base + "/resume", call -> act(call, Set.of(), body -> new CaseChange.Resume()));
      routes.add(
          "POST",
          base + "/resolve",
          call ->
              act(
                  call,
                  Set.of("note"),
                  body -> new CaseChange.Resolve(body.text("note", 1000, false))));
      routes.add(
          "POST",
          base + "/reopen",
          call ->
              act(
                  call,
                  Set.of("reason"),
                  body -> new CaseChange.Reopen(body.text("reason", 1000, false))));
      routes.add(
          "POST", base + "/close", call -> act(call, Set.of(), body -> new CaseChange.Close()));
    }
  }

  // --- reading

  private ApiResponse get(ApiCall call) {
    SupportCase c = target(call);
    return ApiResponse.ok(json(c, true));
  }

  private ApiResponse list(ApiCall call) {
    Query q =
        new Query(
            call.query(),
            Set.of("status", "owner", "team", "updated_since", "external_ref", "limit", "cursor"));
    Set<CaseStatus> statuses = statuses(q.single("status").orElse("all"));
    Optional<String> owner = q.single("owner");
    Optional<String> team = q.single("team");
    Optional<Instant> since =
        q.single("updated_since")
            .flatMap(
                s ->
                    JsonBody.parseInstant(
                        s,
                        "updated_since",
                        (field, problem) -> {
                          throw ApiProblem.badRequest(field, problem);
                        }));
    Optional<String> ref = q.single("external_ref");
    int limit = q.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    long after = q.single("cursor").map(PageCursor::decode).map(PageCursor::after).orElse(0L);
    TenantId tenant = call.tenant();
    Optional<Set<String>> in = Optional.empty();
    Set<String> notIn = Set.of();
    if (team.isPresent()) {
      if (team.get().equalsIgnoreCase(SupportTeam.DEFAULT_ID)) {
        Set<String> named = new HashSet<>();
        core.teams().configured().forEach(t -> named.addAll(channelsOf(t, tenant)));
        notIn = named;
      } else {
        SupportTeam t = team(team.get(), "team");
        in = Optional.of(new LinkedHashSet<>(channelsOf(t, tenant)));
      }
    }
    CaseSearch search =
        new CaseSearch(
            statuses, owner, in, notIn, since, (int) Math.min(after, Integer.MAX_VALUE), limit + 1);
    List<CaseListing> found =
        ref.isPresent() ? byRef(tenant, ref.get(), search) : core.cases().search(tenant, search);
    boolean more = found.size() > limit;
    List<CaseListing> page = more ? found.subList(0, limit) : found;
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("cases");
    page.forEach(l -> items.add(withLinks(core.cases().json(l), l.supportCase())));
    String next =
        more ? new PageCursor(page.get(page.size() - 1).supportCase().number()).encode() : null;
    body.put("next_cursor", next);
    body.putObject("links")
        .put("next", next == null ? null : nextLink("/api/v1/cases", call.query(), next));
    return ApiResponse.ok(body);
  }

  /** The case with this reference, if it passes the other filters: at most one. */
  private List<CaseListing> byRef(TenantId tenant, String ref, CaseSearch search) {
    return core.cases().findByExternalRef(tenant, ref).stream()
        .filter(c -> c.number() > search.afterNumber())
        .flatMap(
            c ->
                core
                    .cases()
                    .search(
                        tenant,
                        new CaseSearch(
                            search.statuses(),
                            search.ownerId(),
                            search.inChannels(),
                            search.notInChannels(),
                            search.updatedSince(),
                            c.number() - 1,
                            1))
                    .stream()
                    .filter(l -> l.supportCase().id() == c.id()))
        .toList();
  }

  static String nextLink(String path, Map<String, List<String>> query, String cursor) {
    StringBuilder link = new StringBuilder(path).append('?');
    query.forEach(
        (k, values) -> {
          if (!k.equals("cursor")) {
            for (String v : values) {
              link.append(enc(k)).append('=').append(enc(v)).append('&');
            }
          }
        });
    return link.append("cursor=").append(enc(cursor)).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Set<CaseStatus> statuses(String text) {
    Set<CaseStatus> out = EnumSet.noneOf(CaseStatus.class);
    for (String part : text.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      switch (p) {
        case "all":
          out.addAll(EnumSet.allOf(CaseStatus.class));
          break;
        case "open":
          out.addAll(
              EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER));
          break;
        default:
          try {
            out.add(CaseStatus.valueOf(p.toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(
                "status",
                "'"
                    + part.strip()
                    + "' is not a status; use open, unclaimed, claimed, waiting_on_customer,"
                    + " resolved, closed or all");
          }
      }
    }
    return out;
  }

  // --- writing

  private ApiResponse create(ApiCall call) {
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
    if (ref.isPresent() && !EXTERNAL_REF.matcher(ref.get()).matches()) {
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
      SupportTeam t = team(team.get(), "team");
      List<String> channels = channelsOf(t, tenant);
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
    Actor actor = actor(tenant, actorId);
    OpenOutcome outcome =
        core.cases()
            .openOrUpdate(actor, new CaseDraft(ref, subject, customer, priority, channelId));
    ApiResponse answer;
    SupportCase now;
    if (outcome instanceof OpenOutcome.Opened opened) {
      answer = new ApiResponse(201, json(opened.opened(), false), opened.deliveries());
      now = opened.opened();
    } else {
      CaseOutcome updated = ((OpenOutcome.Updated) outcome).outcome();
      answer =
          answer(
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
    ApiResponse moved = answer(core.cases().perform(actor, now.id(), move), move);
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

  private ApiResponse update(ApiCall call) {
    SupportCase c = target(call);
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
    return answer(core.cases().perform(actor(call.tenant(), actorId), c.id(), edit), edit);
  }

  private interface ChangeReader {
    CaseChange read(JsonBody body);
  }

  private ApiResponse act(ApiCall call, Set<String> fields, ChangeReader reader) {
    SupportCase c = target(call);
    Set<String> allowed = new HashSet<>(fields);
    allowed.add("actor");
    JsonBody body = new JsonBody(call.body().get(), allowed);
    Optional<String> actorId = body.userId("actor", true);
    CaseChange change = reader.read(body);
    body.done();
    Actor actor = actor(call.tenant(), actorId.orElseThrow());
    return answer(core.cases().perform(actor, c.id(), change), change);
  }

  private ApiResponse answer(CaseOutcome outcome, CaseChange change) {
    if (outcome instanceof CaseOutcome.Applied applied) {
      return new ApiResponse(200, json(applied.after(), false), applied.deliveries());
    }
    if (outcome instanceof CaseOutcome.Refused refused) {
      if (alreadyDone(change, refused.current(), refused.refusal())) {
        return ApiResponse.ok(json(refused.current(), false));
      }
      throw ApiProblem.of(409, refusal(refused.current(), refused.refusal(), change))
          .with("reason", JsonNodeFactory.instance.textNode(reason(refused.refusal())))
          .with("case", json(refused.current(), false));
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
    Function<String, String> name = id -> core.directory().name(c.tenant(), id);
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

  // --- shared

  /** The case the path names, in the token's workspace, or 404. */
  private SupportCase target(ApiCall call) {
    TenantId tenant = call.tenant();
    String number = call.param("number");
    if (number != null) {
      return core.cases()
          .findByNumber(tenant, Integer.parseInt(number))
          .orElseThrow(() -> ApiProblem.notFound("No case #" + number + " in this workspace."));
    }
    String ref = call.param("external_ref");
    Optional<SupportCase> found =
        EXTERNAL_REF.matcher(ref).matches()
            ? core.cases().findByExternalRef(tenant, ref)
            : Optional.empty();
    return found.orElseThrow(
        () -> ApiProblem.notFound("No case with external_ref " + ref + " in this workspace."));
  }

  private Actor actor(TenantId tenant, String userId) {
    var person = core.directory().person(tenant, userId);
    return new Actor(tenant, userId, person.displayName(), person.zone(), true, Optional.of(VIA));
  }

  private SupportTeam team(String id, String field) {
    return core.teams()
        .byId(id)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    field,
                    "no team '"
                        + id
                        + "'; the configuration has "
                        + (core.teams().configured().isEmpty()
                            ? "no teams (give channel instead)"
                            : String.join(
                                ", ",
                                core.teams().configured().stream()
                                    .map(SupportTeam::id)
                                    .toList()))));
  }

  private static List<String> channelsOf(SupportTeam t, TenantId tenant) {
    List<String> out = new ArrayList<>(t.channelsOf(tenant));
    out.addAll(t.bareChannels());
    return out;
  }

  private ObjectNode json(SupportCase c, boolean withHistory) {
    return withLinks(core.cases().json(c, withHistory), c);
  }

  private static ObjectNode withLinks(ObjectNode o, SupportCase c) {
    o.putObject("links").put("self", "/api/v1/cases/" + c.number());
    return o;
  }
}
