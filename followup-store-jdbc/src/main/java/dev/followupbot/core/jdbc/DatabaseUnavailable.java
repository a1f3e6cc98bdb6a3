package dev.followupbot.core.jdbc;

/** The database cannot be used; the message says why and what to do, fit to show an operator. */
public final class DatabaseUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatabaseUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
