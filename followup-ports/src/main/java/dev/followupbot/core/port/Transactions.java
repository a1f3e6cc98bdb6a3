package dev.followupbot.core.port;

import java.util.function.Supplier;

/**
 * Runs work atomically against the database. Nested calls join the outer transaction, so a use case
 * can call several repositories and either all of their writes land or none do.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
