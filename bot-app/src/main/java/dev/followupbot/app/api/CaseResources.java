package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.Actor;
import dev.followupbot.core.team.SupportTeam;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The cases the REST API's paths and bodies name, in the token's workspace, and their JSON. */
final class CaseResources {

  static final String VIA = "API";

  /** The same references chat accepts (ref:ZD-4211), at most 120 characters. */
  static final Pattern EXTERNAL_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}");

  private final FollowupCore core;

  CaseResources(FollowupCore core) {
    this.core = core;
  }

  /** The case the path names, in the token's workspace, or 404. */
  SupportCase target(ApiCall call) {
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

  Actor actor(TenantId tenant, String userId) {
    var person = core.directory().person(tenant, userId);
    return new Actor(tenant, userId, person.displayName(), person.zone(), true, Optional.of(VIA));
  }

  SupportTeam team(String id, String field) {
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

  static List<String> channelsOf(SupportTeam t, TenantId tenant) {
    List<String> out = new ArrayList<>(t.channelsOf(tenant));
    out.addAll(t.bareChannels());
    return out;
  }

  ObjectNode json(SupportCase c, boolean withHistory) {
    return withLinks(core.cases().json(c, withHistory), c);
  }

  static ObjectNode withLinks(ObjectNode o, SupportCase c) {
    o.putObject("links").put("self", "/api/v1/cases/" + c.number());
    return o;
  }
}
