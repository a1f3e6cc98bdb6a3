package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.FakeSlackApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A team's schedule in Slack: an unclaimed case nudges the channel, then mentions the leads so
 * Slack notifies them, and a Claim click stops the chain.
 */
class SlackNudgeTest {

  private final SlackTestBot bot =
      new SlackTestBot(
          Configs.quietExcept(
              """
              teams:
                - id: support
                  channels: [C0SUPPORT]
                  leads: [UBOB]
                  unclaimed:
                    nudge_after: 5s
                    escalation:
                      - {after: 5s, action: mention_leads}
                      - {after: 5s, action: nudge_channel}
                  nudges: {group_window: 0s}
              """));

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  private List<FakeSlackApi.Posted> channel() {
    return bot.slack.postedIn(SlackTestBot.CHANNEL);
  }

  @Test
  void an_unclaimed_case_nudges_then_mentions_the_lead_and_a_claim_click_stops_the_chain() {
    bot.slash("UANN", "new Refund for Acme !high");
    bot.cardOf(1);
    bot.slash("UBOB", "help"); // Bob has used the bot, so his name is known
    bot.advance(Duration.ofSeconds(5));
    assertThat(channel()).hasSize(2);
    FakeSlackApi.Call nudge = channel().get(1).call();
    assertThat(nudge.param("text"))
        .isEqualTo(
            "👋 #1 · Refund for Acme (high) has waited a few seconds for an owner. Could someone take it?");
    assertThat(nudge.buttonValues()).containsExactly("claim 1", "show 1");

    bot.advance(Duration.ofSeconds(5));
    assertThat(channel()).hasSize(3);
    assertThat(channel().get(2).call().blockText()).startsWith("<@UBOB|Bob> 👋 #1 · Refund");

    FakeSlackApi.Posted escalation = channel().get(2);
    bot.click(
        "UCAROL", "claim 1", SlackTestBot.Container.message(SlackTestBot.CHANNEL, escalation.ts()));
    bot.advance(Duration.ofMinutes(5));
    assertThat(channel()).hasSize(3);
  }
}
