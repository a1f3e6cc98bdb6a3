package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Speaker;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A case from a conversation that waits on a silent requester: its thread asks whether there is
 * anything else at {@code follow_up.auto_resolve_warn_after}, and the case is resolved at {@code
 * follow_up.auto_resolve_after}, with the owner told and the usual check-in after. Anything the
 * requester writes starts the silence again.
 */
class AutoResolveTest {

  private static final String SUPPORT = CoreHarness.CHANNEL;
  private static final String ROOT = "1000.0001";

  private CoreHarness bot = harness("auto_resolve_after: 2d, auto_resolve_warn_after: 1d");

  private final TenantGuard acme =
      new TenantGuard() {
        @Override
        public Optional<TenantId> admit(String platformTenant) {
          return "T-ACME".equals(platformTenant) ? Optional.of(CoreHarness.ACME) : Optional.empty();
        }

        @Override
        public Message refusal() {
          return Message.text("Acme only.");
        }
      };

  private int events;

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void a_silent_requester_is_asked_once_then_the_case_is_resolved_and_the_owner_told() {
    caseAnsweredByAnn();

    bot.advance(Duration.ofHours(23));
    assertThat(questions()).isEmpty();
    bot.advance(Duration.ofHours(1).plusMinutes(1));
    assertThat(questions()).hasSize(1);
    RecordingMessenger.Post question = questions().get(0);
    Destination.Channel where = (Destination.Channel) question.to();
    assertThat(where.channelId()).isEqualTo(SUPPORT);
    assertThat(where.thread()).contains(ROOT);
    assertThat(Replies.text(question.message()))
        .contains("<@carol|")
        .contains("anything else we can help with")
        .contains("Wed 25 Nov");
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);

    bot.advance(Duration.ofHours(12));
    assertThat(questions()).as("asked once per silence").hasSize(1);
    bot.advance(Duration.ofHours(12));

    SupportCase c = onlyCase();
    assertThat(c.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(c.ownerId()).contains("ann");
    CaseEvent last = lastEvent(c);
    assertThat(last.action()).isEqualTo(CaseAction.RESOLVED);
    assertThat(last.actorId()).isEqualTo(SupportCase.BOT);
    assertThat(last.reason()).contains("no reply");
    assertThat(bot.slack.directTo("ann"))
        .extracting(p -> Replies.text(p.message()))
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("I resolved case #1 · Cannot log in after 2d without a reply from")
                    .contains("it reopens"));
    assertThat(bot.storage.reminders().pendingForCase(CoreHarness.ACME, c.id()))
        .extracting(r -> r.kind())
        .containsExactly(ReminderKind.CHECK_IN);
  }

  @Test
  void
      a_thanks_from_the_requester_starts_the_silence_again_and_a_question_makes_it_the_teams_turn() {
    caseAnsweredByAnn();
    bot.advance(Duration.ofHours(30));
    assertThat(questions()).hasSize(1);

    post(reply("carol", "thanks!"));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(lastEvent(onlyCase()).action()).isEqualTo(CaseAction.CUSTOMER_ACKNOWLEDGED);
    bot.advance(Duration.ofHours(25));
    assertThat(onlyCase().status().isOpen()).as("the silence counts from the thanks").isTrue();
    assertThat(questions()).as("a new silence, a new question").hasSize(2);
    bot.advance(Duration.ofHours(24));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void a_requesters_question_makes_it_the_teams_turn_and_it_is_never_resolved_under_them() {
    caseAnsweredByAnn();
    bot.advance(Duration.ofHours(30));

    post(reply("carol", "It still fails, what now?"));
    bot.advance(Duration.ofDays(10));

    assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLAIMED);
  }

  @Test
  void without_a_question_setting_the_case_is_resolved_without_asking() {
    bot.close();
    bot = harness("auto_resolve_after: 4h");
    caseAnsweredByAnn();

    bot.advance(Duration.ofHours(4).plusMinutes(1));

    assertThat(questions()).isEmpty();
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void auto_resolve_is_off_unless_a_team_turns_it_on() {
    bot.close();
    bot = harness("at: \"10:00\"");
    caseAnsweredByAnn();

    bot.advance(Duration.ofDays(14));

    assertThat(questions()).isEmpty();
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
  }

  @Test
  void a_question_after_the_resolution_is_refused_in_the_configuration() {
    assertThatThrownBy(
            () ->
                new SupportTeams(
                    ConfigLoader.parse(
                        "followup.yaml",
                        "defaults:\n"
                            + "  follow_up: {auto_resolve_after: 1d, auto_resolve_warn_after: 2d}\n"
                            + "teams:\n"
                            + "  - id: support\n"
                            + "    channels: [C1]\n"),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auto_resolve_warn_after must be shorter than auto_resolve_after");
  }

  /** Carol asks in the channel; five minutes later Ann answers in the thread and owns the case. */
  private void caseAnsweredByAnn() {
    post(
        new ChannelPost(
            SUPPORT,
            ROOT,
            Optional.empty(),
            "carol",
            false,
            false,
            "Cannot log in",
            bot.clock.instant(),
            Optional.empty()));
    bot.advance(Duration.ofMinutes(5));
    post(reply("ann", "Can you try a private window?"));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
  }

  private ChannelPost reply(String who, String text) {
    String ts = (bot.clock.instant().getEpochSecond()) + ".000" + (++events % 10);
    return new ChannelPost(
        SUPPORT,
        ts,
        Optional.of(ROOT),
        who,
        false,
        false,
        text,
        bot.clock.instant(),
        Optional.empty());
  }

  private void post(ChannelPost post) {
    InboundTurns inbound = bot.core.inbound(acme, Runnable::run);
    Speaker speaker =
        tenant ->
            new Caller(
                tenant,
                post.authorId(),
                post.authorId().substring(0, 1).toUpperCase() + post.authorId().substring(1),
                ZoneId.of("UTC"),
                SUPPORT);
    inbound.post("T-ACME", new EventKey("slack", "T-ACME", "m" + (++events)), speaker, post);
  }

  private List<RecordingMessenger.Post> questions() {
    return bot.slack.posts().stream()
        .filter(p -> Replies.text(p.message()).contains("anything else we can help with"))
        .toList();
  }

  private SupportCase onlyCase() {
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 2)).isEmpty();
    return bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow();
  }

  private CaseEvent lastEvent(SupportCase c) {
    List<CaseEvent> history = bot.core.cases().history(CoreHarness.ACME, c.id());
    return history.get(history.size() - 1);
  }

  private static CoreHarness harness(String followUp) {
    return new CoreHarness(
        TestDatabases.h2(),
        CoreHarness.quiet(
            ConfigLoader.parse(
                "followup.yaml",
                "teams:\n"
                    + "  - id: support\n"
                    + "    channels: ["
                    + SUPPORT
                    + "]\n"
                    + "    members: [ann, bob]\n"
                    + "    business_hours: always\n"
                    + "    intake: {mode: auto}\n"
                    + "    follow_up: {"
                    + followUp
                    + ", after_resolution: {normal: 1d}}\n")),
        MutableClock.at("2026-11-23T09:00:00Z"));
  }
}
