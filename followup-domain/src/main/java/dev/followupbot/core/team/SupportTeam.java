package dev.followupbot.core.team;

import dev.followupbot.core.domain.TenantId;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A support queue: the channels it lives in, its people, and its policy. Cases belong to the team
 * whose channel they were opened in; channels no team names belong to the implicit default team,
 * whose nudges go to the case's own channel.
 *
 * @param channels channel ids, optionally qualified as {@code platform:workspace/channel} (e.g.
 *     {@code slack:T0123/C0456}); a bare id matches that channel in any workspace
 */
public record SupportTeam(
    String id,
    String name,
    List<String> channels,
    ZoneId zone,
    List<String> leads,
    List<String> members,
    Optional<String> userGroup,
    List<String> admins,
    TeamPolicy policy,
    boolean implicit) {

  public static final String DEFAULT_ID = "default";

  public SupportTeam {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(userGroup, "userGroup");
    Objects.requireNonNull(policy, "policy");
    channels = List.copyOf(channels);
    leads = List.copyOf(leads);
    members = List.copyOf(members);
    admins = List.copyOf(admins);
  }

  /** Whether a case opened in this channel of this tenant belongs to the team. */
  public boolean owns(TenantId tenant, String channelId) {
    for (String c : channels) {
      if (c.equals(channelId) || c.equals(tenant.key() + "/" + channelId)) {
        return true;
      }
    }
    return false;
  }

  /** The channels named for one tenant explicitly ({@code slack:T0123/C0456}). */
  public List<String> channelsOf(TenantId tenant) {
    String prefix = tenant.key() + "/";
    return channels.stream()
        .filter(c -> c.startsWith(prefix))
        .map(c -> c.substring(prefix.length()))
        .toList();
  }

  /** Channels written without a workspace: they apply in whichever workspace has them. */
  public List<String> bareChannels() {
    return channels.stream().filter(c -> !c.contains("/")).toList();
  }

  public boolean isAdmin(String userId, TenantId tenant) {
    return admins.contains(userId) || admins.contains(tenant.key() + "/" + userId);
  }

  /**
   * Whether someone of the tenant's own workspace is on this team: named in its members, leads or
   * admins, or anyone at all when the team names nobody. People of other workspaces never are; the
   * platform says who they are.
   */
  public boolean hasMember(TenantId tenant, String userId) {
    List<String> named = new java.util.ArrayList<>(membersIn(tenant));
    named.addAll(leadsIn(tenant));
    named.addAll(usersIn(admins, tenant));
    return named.isEmpty() || named.contains(userId);
  }

  /** The leads' user ids in one tenant (bare ids, and ids qualified with this tenant). */
  public List<String> leadsIn(TenantId tenant) {
    return usersIn(leads, tenant);
  }

  /** The members' user ids in one tenant, in rotation order. */
  public List<String> membersIn(TenantId tenant) {
    return usersIn(members, tenant);
  }

  private static List<String> usersIn(List<String> ids, TenantId tenant) {
    String prefix = tenant.key() + "/";
    return ids.stream()
        .filter(id -> !id.contains("/") || id.startsWith(prefix))
        .map(id -> id.startsWith(prefix) ? id.substring(prefix.length()) : id)
        .toList();
  }

  public String label() {
    return name.equals(id) ? id : name + " (" + id + ")";
  }

  /** A team id as it is compared: trimmed, lower case. */
  public static String normalizeId(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }
}
