package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text as Slack sends it (escaped, with its markup) becomes what the grammar reads. */
class SlackTextTest {

  @Test
  void entities_are_decoded_once() {
    assertThat(SlackText.toCore("new Refund for Smith &amp; Sons"))
        .isEqualTo("new Refund for Smith & Sons");
    assertThat(SlackText.toCore("remind in 1h 2 &lt; 3 &gt; 1"))
        .isEqualTo("remind in 1h 2 < 3 > 1");
  }

  @Test
  void people_stay_mentions_and_channels_links_and_broadcasts_become_words() {
    assertThat(SlackText.toCore("assign 4 <@U0BOB|bob> ask <#C0SUP|support>"))
        .isEqualTo("assign 4 <@U0BOB|bob> ask #support");
    assertThat(SlackText.toCore("new Login <https://acme.example/t/1|portal> <mailto:a@b.example>"))
        .isEqualTo("new Login https://acme.example/t/1 mailto:a@b.example");
    assertThat(SlackText.toCore("new <!channel> <!here> <!subteam^S0OPS|@ops> down"))
        .isEqualTo("new @channel @here @ops down");
  }

  @Test
  void the_channel_a_reminder_is_for_stays_a_link_so_it_is_posted_there() {
    assertThat(SlackText.toCore("remind <#C0OPS|ops> every monday 9am check <#C0SUP|support>"))
        .isEqualTo("remind <#C0OPS|ops> every monday 9am check #support");
    assertThat(SlackText.toCore("followup remind <#C0OPS> in 1h look"))
        .isEqualTo("followup remind <#C0OPS> in 1h look");
    assertThat(SlackText.toCore("new remind <#C0OPS|ops> later"))
        .isEqualTo("new remind #ops later");
  }

  @Test
  void a_mention_typed_as_text_stays_a_name() {
    assertThat(SlackText.toCore("assign 4 &lt;@U0BOSS|boss&gt;"))
        .isEqualTo("assign 4 @U0BOSS|boss>");
    assertThat(SlackText.toCore("&lt;&lt;@U0X&gt;")).isEqualTo("@U0X>");
    assertThat(SlackText.toCore(null)).isEmpty();
  }
}
