package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.Transactions;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Transactions over Jdbi. The open handle is kept per thread, so repositories called inside {@link
 * #inTransaction} join it, and repositories called outside get a short handle of their own.
 */
public final class JdbiTransactions implements Transactions {

  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return jdbi.inTransaction(
        TransactionIsolationLevel.READ_COMMITTED,
        handle -> {
          current.set(handle);
          try {
            return work.get();
          } finally {
            current.remove();
          }
        });
  }

  /** Runs the callback on the current transaction's handle, or on a new one. */
  <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    Handle handle = current.get();
    return handle != null ? callback.withHandle(handle) : jdbi.withHandle(callback);
  }

  boolean inTransaction() {
    return current.get() != null;
  }
}
