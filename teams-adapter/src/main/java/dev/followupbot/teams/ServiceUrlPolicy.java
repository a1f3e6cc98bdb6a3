package dev.followupbot.teams;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which Bot Connector service URLs the bot may call with its token. Bot Builder 4.14.3 calls
 * whatever {@code serviceUrl} an activity names, so every send, and every stored conversation
 * reference, goes through this list first. Entries are host names or {@code *.suffix} wildcards;
 * https is required except on loopback hosts (local tries and tests).
 */
public record ServiceUrlPolicy(Set<String> hosts, boolean loopbackOnly) {

  /** Microsoft's Bot Connector hosts for Teams: public cloud, GCC, GCC High and DoD. */
  public static final List<String> MICROSOFT_HOSTS =
      List.of(
          "smba.trafficmanager.net",
          "*.botframework.com",
          "smba.infra.gcc.teams.microsoft.com",
          "smba.infra.gov.teams.microsoft.us",
          "smba.infra.dod.teams.microsoft.us");

  public ServiceUrlPolicy {
    hosts = Set.copyOf(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  /** Only loopback service URLs: the policy when authentication is off. */
  public static ServiceUrlPolicy loopback() {
    return new ServiceUrlPolicy(Set.of(), true);
  }

  /** Whether the bot may send to (and remember) this service URL. */
  public boolean allows(String serviceUrl) {
    if (serviceUrl == null || serviceUrl.isBlank()) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(serviceUrl.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String host = uri.getHost();
    String scheme = uri.getScheme();
    if (host == null || scheme == null || uri.getRawUserInfo() != null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean loopback = isLoopback(host);
    if (!scheme.equalsIgnoreCase("https") && !(scheme.equalsIgnoreCase("http") && loopback)) {
      return false;
    }
    if (loopbackOnly) {
      return loopback;
    }
    return listed(host);
  }

  /** The host part of a URL for log lines, never the whole URL. */
  static String hostOf(String url) {
    try {
      String host = new URI(url.strip()).getHost();
      return host == null ? "(none)" : host;
    } catch (URISyntaxException | RuntimeException e) {
      return "(unreadable)";
    }
  }

  private boolean listed(String host) {
    for (String entry : hosts) {
      if (entry.startsWith("*.")) {
        if (host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1) {
          return true;
        }
      } else if (host.equals(entry)) {
        return true;
      }
    }
    return false;
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127(\\.\\d{1,3}){3}");
  }

  /** Whether an entry of TEAMS_SERVICE_URL_HOSTS is well formed: a host or *.suffix. */
  static boolean validEntry(String entry) {
    return entry.matches(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")
        || entry.equals("::1");
  }
}
