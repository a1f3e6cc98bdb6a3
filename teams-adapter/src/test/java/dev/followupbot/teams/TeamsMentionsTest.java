package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What people type in Teams, in the core's grammar. */
class TeamsMentionsTest {

  private static Activity activity(String text, String entities) {
    String json =
        "{\"type\":\"message\",\"text\":\""
            + text
            + "\",\"recipient\":{\"id\":\"28:bot\",\"name\":\"Followup\"},\"entities\":["
            + entities
            + "]}";
    return TeamsJson.activity(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static String mention(String id, String name, String shown) {
    return "{\"type\":\"mention\",\"text\":\"<at>"
        + shown
        + "</at>\",\"mentioned\":{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\"}}";
  }

  @Test
  void the_bots_mention_is_removed_and_others_become_core_mentions() {
    TeamsMentions.Command c =
        TeamsMentions.read(
            activity(
                "<at>Followup</at> assign 42 <at>Bob Smith</at> knows&nbsp;them",
                mention("28:bot", "Followup", "Followup")
                    + ","
                    + mention("29:bob", "Bob Smith", "Bob Smith")));
    assertThat(c.text()).isEqualTo("assign 42 <@29:bob|Bob Smith> knows them");
    assertThat(c.people()).containsExactly(new TeamsMentions.Mentioned("29:bob", "Bob Smith"));
  }

  @Test
  void a_shortened_mention_still_carries_the_persons_full_name() {
    TeamsMentions.Command c =
        TeamsMentions.read(
            activity("remind <at>Bob</at> in 1h", mention("29:bob", "Bob Smith", "Bob")));
    assertThat(c.text()).isEqualTo("remind <@29:bob|Bob Smith> in 1h");
  }

  @Test
  void typed_id_mentions_and_html_are_reduced_to_plain_text() {
    assertThat(TeamsMentions.read(activity("<p>claim 42</p>", "")).text()).isEqualTo("claim 42");
    assertThat(TeamsMentions.read(activity("assign 1 &lt;@29:eve|Eve&gt;", "")).text())
        .isEqualTo("assign 1 @29:eve|Eve>");
  }

  @Test
  void a_mention_typed_as_text_never_becomes_one_even_doubly_escaped() {
    assertThat(TeamsMentions.read(activity("assign 4 &lt;&lt;@29:x|Boss&gt;", "")).text())
        .isEqualTo("assign 4 @29:x|Boss>");
    assertThat(TeamsMentions.read(activity("assign 4 <@29:x|Boss>", "")).text())
        .doesNotContain("<@");
  }
}
