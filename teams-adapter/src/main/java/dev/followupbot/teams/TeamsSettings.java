package dev.followupbot.teams;

import dev.followupbot.core.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the Teams adapter was configured, from environment variables. Teams is on when {@code
 * MicrosoftAppId} and {@code MicrosoftAppPassword} are set (plus {@code MicrosoftAppTenantId} for a
 * single-tenant bot), or when {@code TEAMS_AUTH=off} asks for a local try without authentication.
 * Anything half set is a {@link ConfigException} naming what is missing: authentication is never
 * silently off.
 *
 * @param appId the bot's Microsoft App ID, empty only with authentication off
 * @param allowedTenants the tenants served; empty means every tenant
 * @param openIdMetadata where Bot Framework's signing keys are published, if not Microsoft's
 */
public record TeamsSettings(
    String appId,
    String password,
    Optional<String> tenantId,
    boolean authOff,
    ServiceUrlPolicy serviceUrls,
    Set<String> allowedTenants,
    Optional<String> openIdMetadata) {

  public static final String APP_ID = "MicrosoftAppId";
  public static final String APP_PASSWORD = "MicrosoftAppPassword";
  public static final String APP_TENANT = "MicrosoftAppTenantId";
  public static final String AUTH = "TEAMS_AUTH";
  public static final String SERVICE_URL_HOSTS = "TEAMS_SERVICE_URL_HOSTS";
  public static final String ALLOWED_TENANTS = "TEAMS_ALLOWED_TENANTS";
  public static final String OPENID_METADATA = "BotOpenIdMetadata";

  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,139}");

  public TeamsSettings {
    allowedTenants = Set.copyOf(allowedTenants);
  }

  /**
   * The Teams settings in these variables, or empty when none of them is set (Teams stays off).
   *
   * @throws ConfigException when the variables are incomplete, empty or malformed
   */
  public static Optional<TeamsSettings> from(Map<String, String> env) {
    Optional<String> appId = value(env, APP_ID);
    Optional<String> password = value(env, APP_PASSWORD);
    Optional<String> tenant = value(env, APP_TENANT);
    boolean authOff = authOff(env);
    if (authOff) {
      List<String> set = new ArrayList<>();
      appId.ifPresent(v -> set.add(APP_ID));
      password.ifPresent(v -> set.add(APP_PASSWORD));
      tenant.ifPresent(v -> set.add(APP_TENANT));
      if (!set.isEmpty()) {
        throw new ConfigException(
            AUTH
                + "=off turns Teams authentication off for a local try, but "
                + String.join(" and ", set)
                + (set.size() == 1 ? " is" : " are")
                + " set too. Unset "
                + AUTH
                + " to run with credentials, or unset the credentials for a local try.");
      }
      return Optional.of(
          new TeamsSettings(
              "",
              "",
              Optional.empty(),
              true,
              ServiceUrlPolicy.loopback(),
              tenants(env, Optional.empty()),
              url(env, OPENID_METADATA)));
    }
    if (appId.isEmpty() && password.isEmpty() && tenant.isEmpty()) {
      return Optional.empty();
    }
    if (appId.isEmpty() || password.isEmpty()) {
      String missing = appId.isEmpty() ? APP_ID : APP_PASSWORD;
      String present =
          appId.isEmpty() ? (password.isPresent() ? APP_PASSWORD : APP_TENANT) : APP_ID;
      throw new ConfigException(
          present
              + " is set but "
              + missing
              + " is missing: Teams needs both "
              + APP_ID
              + " and "
              + APP_PASSWORD
              + " (from the Azure Bot registration), or "
              + AUTH
              + "=off for a local try without authentication.");
    }
    if (!GUID.matcher(appId.get()).matches()) {
      throw new ConfigException(
          APP_ID
              + "="
              + appId.get()
              + " is not valid: expected the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000.");
    }
    if (tenant.isPresent() && !TENANT.matcher(tenant.get()).matches()) {
      throw new ConfigException(
          APP_TENANT
              + "="
              + tenant.get()
              + " is not valid: expected the Entra ID tenant id (a GUID) or its domain, such as contoso.onmicrosoft.com.");
    }
    Set<String> hosts = new LinkedHashSet<>(ServiceUrlPolicy.MICROSOFT_HOSTS);
    hosts.addAll(list(env, SERVICE_URL_HOSTS));
    for (String h : hosts) {
      if (!ServiceUrlPolicy.validEntry(h)) {
        throw new ConfigException(
            SERVICE_URL_HOSTS
                + " entry '"
                + h
                + "' is not valid: expected host names or *.domain wildcards separated by commas, without https:// or paths.");
      }
    }
    return Optional.of(
        new TeamsSettings(
            appId.get(),
            password.get(),
            tenant,
            false,
            new ServiceUrlPolicy(hosts, false),
            tenants(env, tenant),
            url(env, OPENID_METADATA)));
  }

  /** Whether the bot is registered single-tenant (its tokens come from its own tenant). */
  public boolean singleTenant() {
    return tenantId.isPresent();
  }

  /** Whether activities from this tenant are served. */
  public boolean serves(String tenant) {
    return allowedTenants.isEmpty() || allowedTenants.contains(tenant.toLowerCase(Locale.ROOT));
  }

  /** One line for the start-up log; never contains the password. */
  public String describe() {
    if (authOff) {
      return "Teams: on (auth OFF: loopback only; for local tries, never in production)";
    }
    String tenancy =
        tenantId
            .map(t -> "single-tenant " + t)
            .orElse("multi-tenant (token tenant botframework.com)");
    String served =
        allowedTenants.isEmpty()
            ? "all tenants"
            : "tenant"
                + (allowedTenants.size() == 1 ? " " : "s ")
                + String.join(", ", allowedTenants);
    return "Teams: on (app id "
        + appId
        + ", "
        + tenancy
        + ", serving "
        + served
        + ") at POST /api/messages";
  }

  @Override
  public String toString() {
    return describe();
  }

  private static boolean authOff(Map<String, String> env) {
    Optional<String> auth = value(env, AUTH);
    if (auth.isEmpty()) {
      return false;
    }
    switch (auth.get().toLowerCase(Locale.ROOT)) {
      case "off":
        return true;
      case "on":
        return false;
      default:
        throw new ConfigException(
            AUTH + "=" + auth.get() + " is not valid: expected off (local tries only) or on.");
    }
  }

  /**
   * The tenants to serve: the list when given; for a single-tenant bot without a list, its own
   * tenant; otherwise every tenant.
   */
  private static Set<String> tenants(Map<String, String> env, Optional<String> ownTenant) {
    List<String> listed = list(env, ALLOWED_TENANTS);
    Set<String> result = new LinkedHashSet<>();
    for (String t : listed) {
      if (!TENANT.matcher(t).matches()) {
        throw new ConfigException(
            ALLOWED_TENANTS
                + " entry '"
                + t
                + "' is not valid: expected Entra ID tenant ids (GUIDs) separated by commas.");
      }
      result.add(t.toLowerCase(Locale.ROOT));
    }
    if (result.isEmpty()) {
      ownTenant.ifPresent(t -> result.add(t.toLowerCase(Locale.ROOT)));
    }
    return result;
  }

  private static Optional<String> url(Map<String, String> env, String name) {
    Optional<String> value = value(env, name);
    if (value.isPresent()) {
      String v = value.get();
      boolean https = v.startsWith("https://");
      boolean localHttp =
          v.startsWith("http://")
              && ServiceUrlPolicy.isLoopback(ServiceUrlPolicy.hostOf(v).toLowerCase(Locale.ROOT));
      if (!https && !localHttp) {
        throw new ConfigException(
            name + "=" + v + " is not valid: expected an https:// URL of OpenID metadata.");
      }
    }
    return value;
  }

  private static List<String> list(Map<String, String> env, String name) {
    List<String> out = new ArrayList<>();
    value(env, name)
        .ifPresent(
            v -> {
              for (String part : v.split(",")) {
                if (!part.isBlank()) {
                  out.add(part.strip());
                }
              }
            });
    return out;
  }

  /**
   * The variable's value; empty when unset. A variable that is set but blank is a mistake (a
   * missing secret in a deployment template), not a way to turn something off.
   */
  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isBlank()) {
      throw new ConfigException(
          name + " is set but empty. Give it a value, or unset it" + hint(name) + ".");
    }
    return Optional.of(v.strip());
  }

  private static String hint(String name) {
    switch (name) {
      case APP_ID:
      case APP_PASSWORD:
        return " together with the other Teams variables to keep Teams off";
      default:
        return "";
    }
  }
}
