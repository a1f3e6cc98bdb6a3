package dev.followupbot.core.jdbc;

import java.sql.SQLException;

/** Recognises "this row already exists" (SQLSTATE 23505 on H2 and PostgreSQL) in any wrapping. */
final class UniqueViolation {

  private UniqueViolation() {}

  static boolean isCauseOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
