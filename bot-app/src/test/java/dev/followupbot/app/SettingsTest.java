package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void defaults_need_nothing_installed() {
    Settings s = Settings.from(Map.of());
    assertThat(s.port()).isEqualTo(3000);
    assertThat(s.database().url()).isEqualTo("jdbc:h2:retry:nio:./data/followup");
    assertThat(s.clustered()).isFalse();
    assertThat(s.nodeId()).endsWith("-3000");
  }

  @Test
  void metrics_are_off_the_public_port_unless_a_management_port_is_set_and_then_on_loopback() {
    assertThat(Settings.from(Map.of()).management()).isEmpty();
    assertThat(Settings.from(Map.of("FOLLOWUP_MANAGEMENT_PORT", "9464")).management())
        .contains(new Settings.Management("127.0.0.1", 9464));
    assertThat(
            Settings.from(
                    Map.of(
                        "FOLLOWUP_MANAGEMENT_PORT",
                        "9464",
                        "FOLLOWUP_MANAGEMENT_ADDRESS",
                        "0.0.0.0"))
                .management())
        .contains(new Settings.Management("0.0.0.0", 9464));
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_MANAGEMENT_PORT", "3000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is the public PORT");
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_MANAGEMENT_ADDRESS", "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FOLLOWUP_MANAGEMENT_PORT is not");
  }

  @Test
  void postgres_and_cluster_come_from_the_environment() {
    Settings s =
        Settings.from(
            Map.of(
                "FOLLOWUP_DB_URL",
                "jdbc:postgresql://db:5432/followup",
                "FOLLOWUP_DB_USER",
                "bot",
                "FOLLOWUP_DB_PASSWORD",
                "secret",
                "FOLLOWUP_CLUSTER",
                "true",
                "FOLLOWUP_NODE_ID",
                "node-a"));
    assertThat(s.database().user()).isEqualTo("bot");
    assertThat(s.database().toString()).doesNotContain("secret");
    assertThat(s.clustered()).isTrue();
    assertThat(s.nodeId()).isEqualTo("node-a");
  }

  @Test
  void the_connection_pool_grows_with_the_scheduler_threads_unless_set(@TempDir Path dir)
      throws Exception {
    assertThat(Settings.from(Map.of()).database().poolSize()).isEqualTo(12);
    Path file = dir.resolve("followup.yaml");
    Files.writeString(file, "scheduler: {threads: 16}\n");
    assertThat(Settings.from(Map.of("FOLLOWUP_CONFIG", file.toString())).database().poolSize())
        .isEqualTo(36);
    assertThat(Settings.from(Map.of("FOLLOWUP_DB_POOL", "7")).database().poolSize()).isEqualTo(7);
  }

  @Test
  void bad_values_name_the_variable_and_what_is_expected() {
    assertThatThrownBy(() -> Settings.from(Map.of("PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT=eighty is not valid: expected a whole number from 0 to 65535.");
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_CLUSTER", "maybe")))
        .hasMessageContaining("expected true or false");
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_CLUSTER", "true")))
        .hasMessageContaining("needs a shared PostgreSQL database");
  }

  @Test
  void the_config_file_is_read_and_its_errors_name_the_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("followup.yaml");
    Files.writeString(file, "timezone: Europe/Berlin\n");
    assertThat(Settings.from(Map.of("FOLLOWUP_CONFIG", file.toString())).config().timezone())
        .isEqualTo(ZoneId.of("Europe/Berlin"));
    Files.writeString(file, "time_zone: Europe/Berlin\n");
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_CONFIG", file.toString())))
        .hasMessageContaining(file + " line 1: unknown key 'time_zone'");
    assertThatThrownBy(
            () -> Settings.from(Map.of("FOLLOWUP_CONFIG", dir.resolve("missing.yaml").toString())))
        .hasMessageContaining("file not found");
  }

  @Test
  void a_webhook_without_its_signing_secret_stops_start_up_naming_the_variable(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("followup.yaml");
    Files.writeString(
        file,
        "webhooks:\n  - url: https://hooks.example.com/followup?token=abc\n"
            + "    secret_env: HOOK_SECRET\n");
    assertThatThrownBy(() -> Settings.from(Map.of("FOLLOWUP_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "HOOK_SECRET is not set: webhook 1 (https://hooks.example.com/followup?…)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("token=abc"));
    assertThatThrownBy(
            () -> Settings.from(Map.of("FOLLOWUP_CONFIG", file.toString(), "HOOK_SECRET", "short")))
        .hasMessageStartingWith("HOOK_SECRET is too short")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short\""));
    assertThat(
            Settings.from(
                    Map.of(
                        "FOLLOWUP_CONFIG", file.toString(), "HOOK_SECRET", "0123456789abcdef0123"))
                .config()
                .webhooks())
        .hasSize(1);
  }

  @Test
  void log_format_is_text_or_json() {
    assertThat(Settings.logFormat(Map.of("LOG_FORMAT", "JSON"))).isEqualTo("json");
    assertThat(Settings.logFormat(Map.of())).isEqualTo("text");
    assertThatThrownBy(() -> Settings.from(Map.of("LOG_FORMAT", "xml")))
        .hasMessage("LOG_FORMAT=xml is not valid: expected text or json.");
  }

  @Test
  void settings_never_print_the_environment() {
    Settings s =
        Settings.from(
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "console:local=" + "t".repeat(40),
                "SLACK_SIGNING_SECRET",
                "s3cr3t"));
    assertThat(s.toString()).doesNotContain("tttt").doesNotContain("s3cr3t");
  }
}
