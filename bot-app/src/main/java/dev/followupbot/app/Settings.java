package dev.followupbot.app;

import dev.followupbot.app.api.ApiTokens;
import dev.followupbot.app.dashboard.PublicUrl;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.webhook.WebhookTargets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the process was started with: environment variables (secrets, where things are) and the YAML
 * configuration they point to. Every problem is a {@link ConfigException} that names the variable
 * or the file and key.
 */
public record Settings(
    int port,
    String dataDir,
    DatabaseSettings database,
    boolean clustered,
    String nodeId,
    Optional<Path> configFile,
    FollowupConfig config,
    ApiTokens apiTokens,
    PublicUrl publicUrl,
    Optional<Management> management,
    Map<String, String> env) {

  /**
   * Where {@code /metrics} and the detailed {@code /healthz} are served: a port of their own, bound
   * to one address (127.0.0.1 unless {@code FOLLOWUP_MANAGEMENT_ADDRESS} says otherwise), never the
   * public port.
   */
  public record Management(String address, int port) {}

  public static final String DEFAULT_CONFIG = "config/followup.yaml";

  public static Settings from(Map<String, String> env) {
    int port = intVar(env, "PORT", 3000, 0, 65535);
    String dataDir = nonBlank(env, "FOLLOWUP_DATA_DIR").orElse("./data");
    Optional<Path> configFile = configFile(env);
    FollowupConfig config = configFile.map(ConfigLoader::load).orElse(FollowupConfig.DEFAULTS);
    int pool = intVar(env, "FOLLOWUP_DB_POOL", defaultPool(config.scheduler().threads()), 2, 200);
    DatabaseSettings database =
        nonBlank(env, "FOLLOWUP_DB_URL")
            .map(
                url ->
                    new DatabaseSettings(
                        url, env.get("FOLLOWUP_DB_USER"), env.get("FOLLOWUP_DB_PASSWORD"), pool))
            .orElseGet(() -> DatabaseSettings.h2File(dataDir, pool));
    boolean clustered = boolVar(env, "FOLLOWUP_CLUSTER");
    if (clustered && !database.url().startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          "FOLLOWUP_CLUSTER=true needs a shared PostgreSQL database: set FOLLOWUP_DB_URL=jdbc:postgresql://host:5432/db."
              + " The embedded H2 database belongs to one process.");
    }
    String nodeId = nonBlank(env, "FOLLOWUP_NODE_ID").orElseGet(() -> hostName() + "-" + port);
    Optional<Management> management = management(env, port);
    ApiTokens apiTokens = ApiTokens.fromEnv(env);
    PublicUrl publicUrl = PublicUrl.fromEnv(env);
    // Before anything opens: a webhook without its signing secret stops start-up here.
    WebhookTargets.resolve(config.webhooks(), name -> nonBlank(env, name));
    logFormat(env);
    return new Settings(
        port,
        dataDir,
        database,
        clustered,
        nodeId,
        configFile,
        config,
        apiTokens,
        publicUrl,
        management,
        Map.copyOf(env));
  }

  private static Optional<Management> management(Map<String, String> env, int port) {
    if (nonBlank(env, "FOLLOWUP_MANAGEMENT_PORT").isEmpty()) {
      nonBlank(env, "FOLLOWUP_MANAGEMENT_ADDRESS")
          .ifPresent(
              a -> {
                throw new ConfigException(
                    "FOLLOWUP_MANAGEMENT_ADDRESS is set but FOLLOWUP_MANAGEMENT_PORT is not: set the"
                        + " port too, e.g. FOLLOWUP_MANAGEMENT_PORT=9464.");
              });
      return Optional.empty();
    }
    int managementPort = intVar(env, "FOLLOWUP_MANAGEMENT_PORT", 0, 0, 65535);
    if (managementPort != 0 && managementPort == port) {
      throw new ConfigException(
          "FOLLOWUP_MANAGEMENT_PORT="
              + managementPort
              + " is the public PORT: the management port must be another one, so that /metrics"
              + " stays off the port Slack and Teams reach.");
    }
    String address = nonBlank(env, "FOLLOWUP_MANAGEMENT_ADDRESS").orElse("127.0.0.1");
    try {
      InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new ConfigException(
          "FOLLOWUP_MANAGEMENT_ADDRESS="
              + address
              + " is not valid: expected an address of this machine, e.g. 127.0.0.1 or 0.0.0.0.");
    }
    return Optional.of(new Management(address, managementPort));
  }

  /**
   * Connections by default: each scheduler thread may hold one while Quartz holds another for it,
   * and the outbox drain, the sweep, the wake-up writer and requests need theirs. Fewer, and a
   * crowd of due reminders waits for connections rather than for the database.
   */
  static int defaultPool(int schedulerThreads) {
    return Math.max(10, 2 * schedulerThreads + 4);
  }

  /** {@code text} (the default) or {@code json} (one JSON object per line). */
  public static String logFormat(Map<String, String> env) {
    String value = nonBlank(env, "LOG_FORMAT").orElse("text").toLowerCase(java.util.Locale.ROOT);
    if (!value.equals("text") && !value.equals("json")) {
      throw new ConfigException(
          "LOG_FORMAT=" + env.get("LOG_FORMAT") + " is not valid: expected text or json.");
    }
    return value;
  }

  /** Without the environment, which holds secrets. */
  @Override
  public String toString() {
    return "Settings[port="
        + port
        + ", dataDir="
        + dataDir
        + ", database="
        + database
        + ", clustered="
        + clustered
        + ", nodeId="
        + nodeId
        + ", configFile="
        + configFile
        + ", apiTokens="
        + apiTokens
        + ", publicUrl="
        + publicUrl
        + ", management="
        + management
        + "]";
  }

  /** The variable's value, or empty when it is unset or blank. */
  public Optional<String> var(String name) {
    return nonBlank(env, name);
  }

  private static Optional<Path> configFile(Map<String, String> env) {
    Optional<String> explicit = nonBlank(env, "FOLLOWUP_CONFIG");
    if (explicit.isPresent()) {
      return Optional.of(Path.of(explicit.get()));
    }
    Path standard = Path.of(DEFAULT_CONFIG);
    return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> value = nonBlank(env, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name
              + "="
              + value.get()
              + " is not valid: expected a whole number from "
              + min
              + " to "
              + max
              + ".");
    }
  }

  private static boolean boolVar(Map<String, String> env, String name) {
    Optional<String> value = nonBlank(env, name);
    if (value.isEmpty()) {
      return false;
    }
    switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw new ConfigException(
            name + "=" + value.get() + " is not valid: expected true or false.");
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
