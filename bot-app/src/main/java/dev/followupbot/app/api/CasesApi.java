package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseSearch;
import dev.followupbot.core.service.CaseChange;
import dev.followupbot.core.team.SupportTeam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/cases}: open (or update by helpdesk reference), read, list, edit, and every
 * ownership change, each through the same core operation chat uses. The token acts as an admin of
 * its workspace; the request names the person acting, and the history says it came via the API.
 */
final class CasesApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String VIA = CaseResources.VIA;

  private final FollowupCore core;
  private final Clock clock;
  private final CaseResources cases;
  private final CaseWrites writes;

  CasesApi(FollowupCore core, Clock clock) {
    this.core = core;
    this.clock = clock;
    this.cases = new CaseResources(core);
    this.writes = new CaseWrites(core, cases, new CaseAnswers(cases, core.directory()));
  }

  void register(ApiRoutes routes) {
    routes.add("POST", "/cases", writes::create);
    routes.add("GET", "/cases", this::list);
    for (String base : List.of("/cases/{number}", "/cases/by-ref/{external_ref}")) {
      routes.add("GET", base, this::get);
      routes.add("PATCH", base, writes::update);
      routes.add(
          "POST",
          base + "/claim",
          call -> writes.act(call, Set.of(), body -> new CaseChange.Claim()));
      routes.add(
          "POST",
          base + "/release",
          call -> writes.act(call, Set.of(), body -> new CaseChange.Release()));
      routes.add(
          "POST",
          base + "/assign",
          call ->
              writes.act(
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
              writes.act(
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
          "POST",
          base + "/resume",
          call -> writes.act(call, Set.of(), body -> new CaseChange.Resume()));
      routes.add(
          "POST",
          base + "/resolve",
          call ->
              writes.act(
                  call,
                  Set.of("note"),
                  body -> new CaseChange.Resolve(body.text("note", 1000, false))));
      routes.add(
          "POST",
          base + "/reopen",
          call ->
              writes.act(
                  call,
                  Set.of("reason"),
                  body -> new CaseChange.Reopen(body.text("reason", 1000, false))));
      routes.add(
          "POST",
          base + "/close",
          call -> writes.act(call, Set.of(), body -> new CaseChange.Close()));
    }
  }

  // --- reading

  private ApiResponse get(ApiCall call) {
    SupportCase c = cases.target(call);
    return ApiResponse.ok(cases.json(c, true));
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
        core.teams().configured().forEach(t -> named.addAll(CaseResources.channelsOf(t, tenant)));
        notIn = named;
      } else {
        SupportTeam t = cases.team(team.get(), "team");
        in = Optional.of(new LinkedHashSet<>(CaseResources.channelsOf(t, tenant)));
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
    page.forEach(l -> items.add(CaseResources.withLinks(core.cases().json(l), l.supportCase())));
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
}
