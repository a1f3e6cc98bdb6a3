package dev.followupbot.core.jdbc;

import java.util.Objects;

/** How to reach the database: a JDBC URL (H2 or PostgreSQL), credentials and the pool size. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (poolSize < 2) {
      throw new IllegalArgumentException("poolSize must be at least 2");
    }
  }

  /** The embedded default: an H2 file under {@code dataDir}, nothing to install. */
  public static DatabaseSettings h2File(String dataDir) {
    return h2File(dataDir, 10);
  }

  /** Like {@link #h2File(String)}, with {@code poolSize} connections. */
  public static DatabaseSettings h2File(String dataDir, int poolSize) {
    // "retry:nio:" reopens the file when a thread is interrupted mid-write (Quartz interrupts its
    // threads on shutdown; a plain channel would close under H2 and take the database with it).
    // It commits several times faster than H2's "async:" channel, which hands every write to
    // another thread.
    return new DatabaseSettings("jdbc:h2:retry:nio:" + dataDir + "/followup", "sa", "", poolSize);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
