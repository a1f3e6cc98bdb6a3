package dev.followupbot.core.jdbc;

import dev.followupbot.core.testing.TestDatabases;

/** The same contract on PostgreSQL; skipped with a message where no server is reachable. */
class PostgresRepositoryTest extends RepositoryContract {
  @Override
  Database open() {
    return TestDatabases.postgres();
  }
}
