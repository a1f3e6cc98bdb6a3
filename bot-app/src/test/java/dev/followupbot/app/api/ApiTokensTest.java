package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens from the environment: each bound to one workspace, never shown in a message. */
class ApiTokensTest {

  static final String A = "a".repeat(16) + "0123456789abcdef";
  static final String B = "b".repeat(16) + "0123456789abcdef";

  @Test
  void each_token_belongs_to_its_workspace_and_nothing_else_matches() {
    ApiTokens tokens =
        ApiTokens.fromEnv(
            Map.of("FOLLOWUP_API_TOKENS", "slack:T0123=" + A + ", console:local=" + B));
    assertThat(tokens.tenantOf(A)).contains(new TenantId(Platform.SLACK, "T0123"));
    assertThat(tokens.tenantOf(B)).contains(TenantId.CONSOLE);
    assertThat(tokens.tenantOf(A + "x")).isEmpty();
    assertThat(tokens.tenantOf("")).isEmpty();
    assertThat(tokens.toString()).doesNotContain(A).doesNotContain(B);
    assertThat(ApiTokens.fromEnv(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void tokens_can_come_from_a_file_with_comments(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(
        file,
        "# zendesk\nslack:T0123="
            + A
            + "\n\n# rotation: the old one until Friday\nslack:T0123="
            + B
            + "\n");
    ApiTokens tokens = ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS_FILE", file.toString()));
    assertThat(tokens.size()).isEqualTo(2);
    assertThat(tokens.tenantOf(B)).contains(new TenantId(Platform.SLACK, "T0123"));
  }

  @Test
  void a_malformed_or_weak_token_stops_start_up_naming_the_variable_but_never_the_token() {
    String shortToken = "short-token-123";
    assertThatThrownBy(
            () -> ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS", "slack:T0123=" + shortToken)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("FOLLOWUP_API_TOKENS entry 1 (slack:T0123): the token is too short")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortToken));
    assertThatThrownBy(() -> ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS", A)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "FOLLOWUP_API_TOKENS entry 1: expected <workspace>=<token>, for example slack:T0123=<token>.");
    assertThatThrownBy(() -> ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS", "slak:T1=" + A)))
        .hasMessageContaining("'slak:T1' is not a workspace")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(A));
    assertThatThrownBy(
            () -> ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS", "slack:T1=" + A + "!")))
        .hasMessageContaining("may only have letters")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(A));
    assertThatThrownBy(
            () ->
                ApiTokens.fromEnv(
                    Map.of("FOLLOWUP_API_TOKENS", "slack:T1=" + A + ",slack:T2=" + A)))
        .hasMessage(
            "FOLLOWUP_API_TOKENS entries 1 and 2 have the same token; give each workspace its own.");
    assertThatThrownBy(
            () ->
                ApiTokens.fromEnv(
                    Map.of(
                        "FOLLOWUP_API_TOKENS", "slack:T1=" + A, "FOLLOWUP_API_TOKENS_FILE", "/x")))
        .hasMessageContaining("both set");
    assertThatThrownBy(
            () -> ApiTokens.fromEnv(Map.of("FOLLOWUP_API_TOKENS_FILE", "/nonexistent/tokens")))
        .hasMessageStartingWith(
            "FOLLOWUP_API_TOKENS_FILE=/nonexistent/tokens: cannot read the file");
  }
}
