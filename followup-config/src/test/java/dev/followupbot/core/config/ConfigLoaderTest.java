package dev.followupbot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void an_empty_file_means_every_default() {
    FollowupConfig c = ConfigLoader.parse("followup.yaml", "");
    assertThat(c.timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.admins()).isEmpty();
    assertThat(c.scheduler().threads()).isEqualTo(4);
    assertThat(c.scheduler().sweepInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.delivery().giveUpAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void reads_every_key() {
    FollowupConfig c =
        ConfigLoader.parse(
            "followup.yaml",
            "timezone: Europe/Berlin\n"
                + "admins: [U0123, \"slack:T9/U77\"]\n"
                + "scheduler:\n  threads: 8\n  sweep_interval: 2s\n"
                + "delivery:\n  give_up_after: 1h30m\n");
    assertThat(c.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.scheduler().threads()).isEqualTo(8);
    assertThat(c.scheduler().sweepInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.delivery().giveUpAfter()).isEqualTo(Duration.ofMinutes(90));
    TenantId t9 = new TenantId(Platform.SLACK, "T9");
    assertThat(c.accessPolicy().isAdmin(new UserRef(t9, "U0123"))).isTrue();
    assertThat(c.accessPolicy().isAdmin(new UserRef(t9, "U77"))).isTrue();
    assertThat(c.accessPolicy().isAdmin(new UserRef(new TenantId(Platform.SLACK, "T8"), "U77")))
        .isFalse();
  }

  @Test
  void a_mistyped_key_names_the_file_line_and_what_is_expected() {
    assertThatThrownBy(
            () -> ConfigLoader.parse("config/followup.yaml", "admins: []\ntimezon: UTC\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config/followup.yaml line 2")
        .hasMessageContaining("unknown key 'timezon'")
        .hasMessageContaining("timezone");
  }

  @Test
  void a_bad_value_names_the_key_and_the_expected_form() {
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "timezone: Europe/Berln\n"))
        .hasMessageContaining("f.yaml line 1 key 'timezone'")
        .hasMessageContaining("IANA name such as Europe/Berlin");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "scheduler:\n  sweep_interval: soon\n"))
        .hasMessageContaining("key 'scheduler.sweep_interval'")
        .hasMessageContaining("write it like 30s, 20m");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "scheduler:\n  threads: 0\n"))
        .hasMessageContaining("threads must be between 1 and 100");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "timezone: [\n"))
        .hasMessageContaining("f.yaml");
  }

  @Test
  void a_missing_file_says_how_to_make_one(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .hasMessageContaining("nope.yaml: file not found")
        .hasMessageContaining("followup.example.yaml");
    Path file = dir.resolve("ok.yaml");
    Files.writeString(file, "timezone: Asia/Tokyo\n");
    assertThat(ConfigLoader.load(file).timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void webhooks_are_read_with_their_filters_and_the_name_of_their_secret() {
    FollowupConfig c =
        ConfigLoader.parse(
            "followup.yaml",
            """
            webhooks:
              - url: https://hooks.example.com/followup
                secret_env: FOLLOWUP_WEBHOOK_SECRET
                tenant: slack:T0123
                events: [case.*, sla.breached]
                give_up_after: 2h
              - url: http://localhost:9000/hook
                secret_env: LOCAL_HOOK_SECRET
            """);
    assertThat(c.webhooks()).hasSize(2);
    WebhookSpec first = c.webhooks().get(0);
    assertThat(first.secretEnv()).isEqualTo("FOLLOWUP_WEBHOOK_SECRET");
    assertThat(first.tenantFilter()).contains(new TenantId(Platform.SLACK, "T0123"));
    assertThat(first.events()).containsExactly("case.*", "sla.breached");
    assertThat(first.giveUpAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.webhooks().get(1).events()).containsExactly("*");
    assertThat(c.webhooks().get(1).giveUpAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void a_webhook_that_is_not_http_or_has_no_secret_variable_or_an_unknown_event_is_refused() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml", "webhooks:\n  - url: ftp://example.com/x\n    secret_env: S\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml line")
        .hasMessageContaining("key 'webhooks[0]'")
        .hasMessageContaining("not an http:// or https:// URL");
    assertThatThrownBy(
            () -> ConfigLoader.parse("f.yaml", "webhooks:\n  - url: https://example.com/x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs 'secret_env'");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml",
                    "webhooks:\n  - url: https://example.com/x\n    secret_env: S\n"
                        + "    events: [case.exploded]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'case.exploded' is not an event");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml",
                    "webhooks:\n  - url: https://user:pw@example.com/x\n    secret_env: S\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keep secrets out of the file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw@"));
  }
}
