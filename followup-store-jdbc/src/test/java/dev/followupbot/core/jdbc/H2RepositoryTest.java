package dev.followupbot.core.jdbc;

import dev.followupbot.core.testing.TestDatabases;

class H2RepositoryTest extends RepositoryContract {
  @Override
  Database open() {
    return TestDatabases.h2();
  }
}
