package dev.followupbot.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void h2_commits_reach_the_disk_at_once() {
    assertThat(Database.durableH2("jdbc:h2:file:./data/followup"))
        .isEqualTo("jdbc:h2:file:./data/followup;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    assertThatThrownBy(() -> Database.durableH2("jdbc:h2:file:x;WRITE_DELAY=500"))
        .hasMessageContaining("WRITE_DELAY=500")
        .hasMessageContaining("could then lose reminders");
  }

  @Test
  void an_unknown_database_is_refused_with_what_is_supported() {
    assertThatThrownBy(() -> Database.open(new DatabaseSettings("jdbc:mysql://x/y", "u", "p", 4)))
        .isInstanceOf(DatabaseUnavailable.class)
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void an_unreachable_server_is_reported_with_the_url() {
    assertThatThrownBy(
            () ->
                Database.open(
                    new DatabaseSettings(
                        "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "", 2)))
        .isInstanceOf(DatabaseUnavailable.class)
        .hasMessageContaining(
            "Could not connect to the database at jdbc:postgresql://127.0.0.1:1/none");
  }
}
