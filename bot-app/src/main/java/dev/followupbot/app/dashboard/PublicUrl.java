package dev.followupbot.app.dashboard;

import dev.followupbot.core.config.ConfigException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where people open the dashboard: {@code FOLLOWUP_PUBLIC_URL}, which must be {@code https://}, or
 * {@code http://} on a loopback address. Unset, it is {@code http://localhost:<port>} once the
 * server listens (links then work on this machine only).
 */
public final class PublicUrl {

  public static final String VAR = "FOLLOWUP_PUBLIC_URL";

  private final Optional<URI> configured;
  private volatile URI listening;

  private PublicUrl(Optional<URI> configured) {
    this.configured = configured;
  }

  /** Reads and checks the variable; a wrong value stops start-up with what to write instead. */
  public static PublicUrl fromEnv(Map<String, String> env) {
    String raw = env.get(VAR);
    if (raw == null || raw.isBlank()) {
      return new PublicUrl(Optional.empty());
    }
    String value = raw.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw refused(raw, "it is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused(
          raw, "write it as scheme and host (and port), like https://followup.example.com");
    }
    if (!uri.getRawPath().isEmpty()) {
      throw refused(raw, "the dashboard is served at /dashboard of the host; leave the path out");
    }
    if (scheme.equals("http") && !loopback(uri.getHost())) {
      throw refused(
          raw,
          "sign-in links and session cookies must not travel in clear text: use https://, or"
              + " http:// only on localhost");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw refused(raw, "it must start with https://");
    }
    return new PublicUrl(Optional.of(uri));
  }

  private static ConfigException refused(String raw, String why) {
    return new ConfigException(VAR + "=" + raw + " is not valid: " + why + ".");
  }

  private static boolean loopback(String host) {
    String h = host.replace("[", "").replace("]", "");
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name other than localhost: not resolved, not trusted
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Called once the server listens, for the default address. */
  public void listeningOn(int port) {
    listening = URI.create("http://localhost:" + port);
  }

  /** The links' base, when known. */
  public Optional<URI> current() {
    return configured.or(() -> Optional.ofNullable(listening));
  }

  /** Whether cookies get {@code Secure}: the dashboard is reached over HTTPS. */
  public boolean secure() {
    return configured.map(u -> u.getScheme().equalsIgnoreCase("https")).orElse(false);
  }

  @Override
  public String toString() {
    return current().map(URI::toString).orElse("(not listening yet)");
  }
}
