package dev.followupbot.app.api;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.domain.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The REST API's bearer tokens, each bound to one workspace, from {@code FOLLOWUP_API_TOKENS}
 * ({@code slack:T0123=<token>,console:local=<token>}) or the file {@code FOLLOWUP_API_TOKENS_FILE}
 * names (one {@code workspace=token} per line, {@code #} comments). Only SHA-256 digests are kept;
 * a presented token is compared against every digest in constant time. Nothing here ever prints a
 * token.
 */
public final class ApiTokens {

  public static final String VARIABLE = "FOLLOWUP_API_TOKENS";
  public static final String FILE_VARIABLE = "FOLLOWUP_API_TOKENS_FILE";

  /** Shorter tokens are too easy to guess. */
  public static final int MIN_LENGTH = 32;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");

  private record Entry(TenantId tenant, byte[] digest) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ApiTokens none() {
    return new ApiTokens(List.of());
  }

  /** Reads the tokens from the environment; a mistake is a ConfigException naming the variable. */
  public static ApiTokens fromEnv(Map<String, String> env) {
    String inline = env.get(VARIABLE);
    String file = env.get(FILE_VARIABLE);
    boolean hasInline = inline != null && !inline.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasInline && hasFile) {
      throw new ConfigException(
          VARIABLE + " and " + FILE_VARIABLE + " are both set; set one of them.");
    }
    if (hasFile) {
      String text;
      try {
        text = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            FILE_VARIABLE
                + "="
                + file.strip()
                + ": cannot read the file ("
                + e.getClass().getSimpleName()
                + ").");
      }
      List<String> lines = new ArrayList<>();
      for (String line : text.split("\\R")) {
        String l = line.strip();
        lines.add(l.startsWith("#") ? "" : l);
      }
      return parse(FILE_VARIABLE, "line", lines);
    }
    if (hasInline) {
      return parse(VARIABLE, "entry", List.of(inline.split("[,\\s]+", -1)));
    }
    return none();
  }

  private static ApiTokens parse(String variable, String unit, List<String> items) {
    List<Entry> entries = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i).strip();
      if (item.isEmpty()) {
        continue;
      }
      String where = variable + " " + unit + " " + (i + 1);
      int eq = item.indexOf('=');
      if (eq < 1) {
        throw new ConfigException(
            where + ": expected <workspace>=<token>, for example slack:T0123=<token>.");
      }
      String key = item.substring(0, eq).strip();
      String token = item.substring(eq + 1).strip();
      TenantId tenant;
      try {
        tenant = TenantId.fromKey(key);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            where
                + ": '"
                + key
                + "' is not a workspace; write slack:<team id>, teams:<tenant id> or console:local.");
      }
      if (token.length() < MIN_LENGTH) {
        throw new ConfigException(
            where
                + " ("
                + tenant
                + "): the token is too short; use at least "
                + MIN_LENGTH
                + " characters, for example the output of `openssl rand -hex 32`.");
      }
      if (!TOKEN.matcher(token).matches()) {
        throw new ConfigException(
            where
                + " ("
                + tenant
                + "): the token may only have letters, digits and . _ ~ + / = -.");
      }
      byte[] digest = sha256(token);
      for (int j = 0; j < entries.size(); j++) {
        if (MessageDigest.isEqual(entries.get(j).digest(), digest)) {
          throw new ConfigException(
              variable
                  + " "
                  + (unit.equals("entry") ? "entries" : unit + "s")
                  + " "
                  + positions.get(j)
                  + " and "
                  + (i + 1)
                  + " have the same token; give each workspace its own.");
        }
      }
      entries.add(new Entry(tenant, digest));
      positions.add(i + 1);
    }
    return new ApiTokens(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /**
   * The workspace this token belongs to. Every configured digest is compared, whatever matches, so
   * the time taken does not tell how close a guess was.
   */
  public Optional<TenantId> tenantOf(String presented) {
    byte[] digest = sha256(presented);
    TenantId found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest)) {
        found = e.tenant();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The workspaces that have a token, for the start-up log. */
  public List<TenantId> tenants() {
    return entries.stream().map(Entry::tenant).distinct().toList();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiTokens" + tenants();
  }
}
