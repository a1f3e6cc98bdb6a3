package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Our signature check, on Slack's published example and on every way a request can be wrong. */
class SlackSignatureVerifierTest {

  /** From Slack's "Verifying requests from Slack" documentation. */
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  static final String TIMESTAMP = "1531420618";
  static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
          + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
          + "&command=%2Fwebhook-collect&text="
          + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
          + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static SlackSignatureVerifier at(long epochSecond) {
    return new SlackSignatureVerifier(
        SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void slacks_published_example_signs_and_verifies() {
    SlackSignatureVerifier verifier = at(1531420618L + 10);
    assertThat(verifier.sign(TIMESTAMP, bytes(BODY))).isEqualTo(SIGNATURE);
    assertThat(verifier.verify(TIMESTAMP, SIGNATURE, bytes(BODY)).accepted()).isTrue();
  }

  @Test
  void a_changed_body_timestamp_or_signature_is_rejected() {
    SlackSignatureVerifier verifier = at(1531420618L);
    assertThat(verifier.verify(TIMESTAMP, SIGNATURE, bytes(BODY.replace("foobar", "foobaz"))))
        .isInstanceOf(SlackSignatureVerifier.Verdict.Rejected.class);
    assertThat(verifier.verify("1531420619", SIGNATURE, bytes(BODY)).accepted()).isFalse();
    assertThat(verifier.verify(TIMESTAMP, SIGNATURE.replace("a21", "a22"), bytes(BODY)).accepted())
        .isFalse();
    assertThat(verifier.verify(TIMESTAMP, SIGNATURE.toUpperCase(), bytes(BODY)).accepted())
        .isFalse();
    assertThat(verifier.verify(TIMESTAMP, "v1=" + SIGNATURE.substring(3), bytes(BODY)).accepted())
        .isFalse();
  }

  @Test
  void another_secret_does_not_verify() {
    SlackSignatureVerifier other =
        new SlackSignatureVerifier(
            "another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC));
    assertThat(other.verify(TIMESTAMP, SIGNATURE, bytes(BODY)).accepted()).isFalse();
  }

  @Test
  void the_window_is_five_minutes_in_both_directions() {
    long ts = 1531420618L;
    assertThat(at(ts + 300).verify(TIMESTAMP, SIGNATURE, bytes(BODY)).accepted()).isTrue();
    assertThat(at(ts - 300).verify(TIMESTAMP, SIGNATURE, bytes(BODY)).accepted()).isTrue();
    SlackSignatureVerifier.Verdict old = at(ts + 301).verify(TIMESTAMP, SIGNATURE, bytes(BODY));
    assertThat(old)
        .isEqualTo(
            new SlackSignatureVerifier.Verdict.Rejected(
                "timestamp 1531420618 is 301 s old; the window is 300 s either way"));
    SlackSignatureVerifier.Verdict future = at(ts - 301).verify(TIMESTAMP, SIGNATURE, bytes(BODY));
    assertThat(future)
        .isEqualTo(
            new SlackSignatureVerifier.Verdict.Rejected(
                "timestamp 1531420618 is 301 s in the future; the window is 300 s either way"));
  }

  @Test
  void missing_or_malformed_headers_are_rejected() {
    SlackSignatureVerifier verifier = at(1531420618L);
    assertThat(verifier.verify(null, SIGNATURE, bytes(BODY)).accepted()).isFalse();
    assertThat(verifier.verify(TIMESTAMP, null, bytes(BODY)).accepted()).isFalse();
    assertThat(verifier.verify(" ", SIGNATURE, bytes(BODY)).accepted()).isFalse();
    assertThat(verifier.verify("yesterday", SIGNATURE, bytes(BODY)).accepted()).isFalse();
    assertThat(verifier.verify(TIMESTAMP, "v0=", bytes(BODY)).accepted()).isFalse();
  }

  @Test
  void the_body_is_signed_as_utf8_bytes() {
    SlackSignatureVerifier verifier = at(1531420618L);
    byte[] body = bytes("text=R%C3%BCckerstattung f\u00fcr Zo\u00eb \uD83D\uDE80");
    String signature = verifier.sign(TIMESTAMP, body);
    assertThat(verifier.verify(TIMESTAMP, signature, body).accepted()).isTrue();
    byte[] latin1 =
        "text=R%C3%BCckerstattung f\u00fcr Zo\u00eb".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(verifier.verify(TIMESTAMP, signature, latin1).accepted()).isFalse();
  }

  @Test
  void an_empty_secret_is_refused_outright() {
    assertThatThrownBy(() -> new SlackSignatureVerifier("", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> new SlackSignatureVerifier("  ", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlackSignatureVerifier(null, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
