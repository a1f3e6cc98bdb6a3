package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A quiet case nudges its owner, then the lead; SLA targets warn before and report a breach. */
class StaleAndSlaTest {

  private CoreHarness bot;

  @AfterEach
  void close() {
    bot.close();
  }

  private String lastTo(String user) {
    List<RecordingMessenger.Post> dms = bot.slack.directTo(user);
    return Replies.text(dms.get(dms.size() - 1).message());
  }

  @Test
  void a_quiet_claimed_case_asks_its_owner_then_tells_the_lead() {
    bot =
        Configs.harness(
            """
            teams:
              - id: support
                channels: [C-SUPPORT]
                leads: [lee]
                stale: {after: 1h, escalate_after: 30m}
                nudges: {group_window: 0s}
            """,
            "2026-11-23T09:00:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    bot.advance(Duration.ofMinutes(59));
    assertThat(bot.slack.directTo("ann")).isEmpty();
    bot.advance(Duration.ofMinutes(1));
    assertThat(lastTo("ann"))
        .contains("Hi ann, #1 · Refund hasn't moved for 1 h. Where does it stand?");
    assertThat(Replies.buttonCommands(bot.slack.directTo("ann").get(0).message()))
        .containsExactly("progress 1", "wait 1", "release 1", "resolve 1");
    bot.advance(Duration.ofMinutes(30));
    assertThat(lastTo("lee"))
        .contains("ann's case #1 · Refund has had no activity for 1 h 30 min")
        .contains("my nudge to ann went unanswered");
  }

  @Test
  void still_on_it_resets_the_clock() {
    bot =
        Configs.harness(
            """
            teams:
              - id: support
                channels: [C-SUPPORT]
                leads: [lee]
                stale: {after: 1h, escalate_after: 30m}
                nudges: {group_window: 0s}
            """,
            "2026-11-23T09:00:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    bot.advance(Duration.ofHours(1));
    assertThat(bot.text(ann, "progress 1")).contains("Noted: you're still on #1 · Refund");
    bot.advance(Duration.ofMinutes(45));
    assertThat(bot.slack.directTo("lee")).isEmpty();
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    bot.advance(Duration.ofMinutes(15));
    assertThat(bot.slack.directTo("ann")).hasSize(2);
  }

  @Test
  void sla_warns_the_channel_while_unclaimed_and_tells_the_lead_at_breach() {
    bot =
        Configs.harness(
            """
            teams:
              - id: support
                channels: [C-SUPPORT]
                leads: [lee]
                sla: {warn_at: 75%, first_response: {urgent: 20m}}
                nudges: {group_window: 0s}
            """,
            "2026-11-23T09:00:00Z");
    var dana = bot.person("dana");
    bot.say(dana, "new Site down !urgent");
    RecordingMessenger.Post card = bot.slack.inChannel(CoreHarness.CHANNEL).get(0);
    assertThat(Replies.text(card.message()))
        .contains("SLA: first response 20 min left (by 09:20 UTC)");
    bot.advance(Duration.ofMinutes(15));
    List<RecordingMessenger.Post> channel = bot.slack.inChannel(CoreHarness.CHANNEL);
    assertThat(Replies.text(channel.get(channel.size() - 1).message()))
        .contains("⏳ #1 · Site down: first response is due in 5 min (by 09:20 UTC).");
    assertThat(Replies.text(bot.slack.updates().get(bot.slack.updates().size() - 1).message()))
        .contains("SLA: first response due soon, 5 min left");
    bot.advance(Duration.ofMinutes(6));
    assertThat(lastTo("lee"))
        .contains("🔴 #1 · Site down missed its first response target of 20 min by 1 min.")
        .contains("It has no owner yet.");
    assertThat(Replies.text(bot.slack.updates().get(bot.slack.updates().size() - 1).message()))
        .contains("SLA: first response breached by 1 min");
  }

  @Test
  void the_owner_is_warned_and_answering_meets_the_target() {
    bot =
        Configs.harness(
            """
            teams:
              - id: support
                channels: [C-SUPPORT]
                leads: [lee]
                sla: {warn_at: 50%, first_response: {high: 1h}}
                nudges: {group_window: 0s}
            """,
            "2026-11-23T09:00:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund !high");
    bot.say(ann, "claim 1");
    bot.advance(Duration.ofMinutes(30));
    assertThat(lastTo("ann")).contains("⏳ #1 · Refund: first response is due in 30 min");
    assertThat(Replies.buttonCommands(bot.slack.directTo("ann").get(0).message()))
        .containsExactly("answered 1", "show 1");
    bot.say(ann, "answered 1 sent the form");
    bot.advance(Duration.ofHours(2));
    assertThat(bot.slack.directTo("lee")).isEmpty();
    assertThat(bot.text(ann, "show 1")).contains("SLA: first response met");
  }
}
