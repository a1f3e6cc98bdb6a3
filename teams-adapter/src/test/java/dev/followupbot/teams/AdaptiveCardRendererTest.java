package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The neutral messages as Adaptive Cards 1.5, compared with golden JSON in
 * src/test/resources/golden/.
 */
class AdaptiveCardRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = AdaptiveCardRendererTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return JSON.readTree(in);
    }
  }

  static Message caseCard() {
    return Message.builder("Case #42 · Refund for Acme: unclaimed, unclaimed")
        .header("#42 · Refund for Acme")
        .facts(
            List.of(
                new Block.Fact("Customer", "Dana"),
                new Block.Fact("Priority", "high"),
                new Block.Fact("Status", "unclaimed"),
                new Block.Fact("Owner", "nobody yet"),
                new Block.Fact("Opened", "today 09:00 UTC by Ann")))
        .actions(List.of(Button.primary("Claim", "claim 42"), Button.of("Resolve", "resolve 42")))
        .context("Open for 5 min")
        .build();
  }

  static Message reminder() {
    return Message.builder("⏰ Reminder: call Dana back")
        .section("⏰ Reminder: call Dana back")
        .section("Case #42 · Refund for Acme — high, unclaimed, 1 h old (Dana)")
        .actions(
            List.of(
                Button.primary("Done", "done 3"),
                Button.of("Snooze 20 min", "snooze 3 20m"),
                Button.of("1 h", "snooze 3 1h"),
                Button.of("3 h", "snooze 3 3h"),
                Button.of("Tomorrow 9:00", "snooze 3 tomorrow 9am"),
                Button.of("Next Monday 9:00", "snooze 3 next monday 9am"),
                Button.of("Open case", "show 42")))
        .context("Reminder 3 · set by you · due today 10:00")
        .build();
  }

  @Test
  void a_case_card_has_a_header_facts_buttons_that_run_commands_and_small_print()
      throws IOException {
    assertThat(renderer.card(caseCard())).isEqualTo(golden("case-card.json"));
  }

  @Test
  void a_reminder_puts_its_seven_buttons_in_two_rows_and_commands_in_bold() throws IOException {
    assertThat(renderer.card(reminder())).isEqualTo(golden("reminder.json"));
  }

  @Test
  void every_golden_card_is_a_valid_adaptive_card_1_5() {
    AdaptiveCardSchema.assertValid(renderer.card(caseCard()));
    AdaptiveCardSchema.assertValid(renderer.card(reminder()));
    AdaptiveCardSchema.assertValid(
        renderer.card(
            Message.builder("x")
                .header("<b>not a tag</b>")
                .section("<@29:lee|Lee> said `claim <case>`")
                .context("`help`")
                .build()));
  }

  @Test
  void a_link_button_opens_its_url_and_runs_no_command() {
    ObjectNode card =
        renderer.card(
            Message.builder("⏰ Reminder: look again")
                .section("⏰ Reminder: look again")
                .actions(
                    List.of(
                        Button.primary("Done", "done 3"),
                        Button.link("Open message", "https://teams.example/l/message/1")))
                .build());

    JsonNode open = card.findParents("url").get(0);
    assertThat(open.path("type").asText()).isEqualTo("Action.OpenUrl");
    assertThat(open.path("title").asText()).isEqualTo("Open message");
    assertThat(open.path("url").asText()).isEqualTo("https://teams.example/l/message/1");
    assertThat(open.has("data")).isFalse();
    AdaptiveCardSchema.assertValid(card);
  }

  @Test
  void the_schema_check_refuses_what_teams_would_refuse() {
    com.fasterxml.jackson.databind.node.ObjectNode card = renderer.card(caseCard());
    ((com.fasterxml.jackson.databind.node.ObjectNode) card.path("body").get(0))
        .put("size", "Enormous");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdaptiveCardSchema.assertValid(card))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Enormous");
  }

  @Test
  void lines_dividers_and_danger_buttons() throws IOException {
    Message m =
        Message.builder("Your reminders: 2")
            .header("Your reminders")
            .section("1 · tomorrow 09:00 · call back\n2 · today 16:00 · stretch")
            .divider()
            .context("`done <n>`, `snooze <n> 1h` or `cancel <n>`.")
            .actions(List.of(new Button("Cancel", "cancel 2", Button.Style.DANGER)))
            .build();
    assertThat(renderer.card(m)).isEqualTo(golden("list.json"));
  }

  @Test
  void the_cores_mentions_become_teams_mentions_that_notify_the_person() {
    Message m =
        Message.builder("<@29:lee|Lee Park>: #1 needs an owner")
            .section("<@29:lee|Lee Park> <@29:ann|Ann> 👋 #1 · Refund has waited 30 min.")
            .facts(java.util.List.of(new Block.Fact("leads", "<@29:lee|Lee Park>")))
            .build();
    var card = renderer.card(m);
    assertThat(card.path("body").get(0).path("text").asText())
        .isEqualTo("<at>Lee Park</at> <at>Ann</at> 👋 #1 · Refund has waited 30 min.");
    assertThat(card.path("msteams").path("entities")).hasSize(2);
    assertThat(card.path("msteams").path("entities").get(0).path("text").asText())
        .isEqualTo("<at>Lee Park</at>");
    assertThat(card.path("msteams").path("entities").get(0).path("mentioned").path("id").asText())
        .isEqualTo("29:lee");
    assertThat(card.path("body").get(1).path("facts").get(0).path("value").asText())
        .isEqualTo("@Lee Park");
    assertThat(card.path("fallbackText").asText()).isEqualTo("@Lee Park: #1 needs an owner");
    assertThat(AdaptiveCardRenderer.plainText(Message.text("ask <@29:lee|Lee>")))
        .isEqualTo("ask @Lee");
  }

  @Test
  void links_typed_by_people_stay_text() {
    Message m =
        Message.builder("Case [Acme portal](https://phish.example)")
            .header("#1 · Refund for [Acme portal](https://phish.example)")
            .facts(java.util.List.of(new Block.Fact("Customer", "[x](https://phish.example)")))
            .build();
    String card = renderer.card(m).toString();
    assertThat(card).doesNotContain("](https://phish.example)");
    assertThat(AdaptiveCardRenderer.plainText(Message.text("see [here](https://phish.example)")))
        .doesNotContain("](https");
  }

  @Test
  void plain_paragraphs_are_recognised_as_text_messages() {
    assertThat(AdaptiveCardRenderer.isPlainText(Message.text("Okay, `claim 1`."))).isTrue();
    assertThat(AdaptiveCardRenderer.isPlainText(caseCard())).isFalse();
    assertThat(AdaptiveCardRenderer.plainText(Message.text("Okay, `claim 1`.")))
        .isEqualTo("Okay, `claim 1`.");
  }

  @Test
  void a_huge_message_is_shortened_below_the_teams_size_limit() {
    String line = "x".repeat(2000);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      blocks.add(new Block.Section(line + i));
    }
    ObjectNode card = renderer.card(new Message("A long list", blocks));
    assertThat(AdaptiveCardRenderer.size(card)).isLessThanOrEqualTo(AdaptiveCardRenderer.MAX_BYTES);
    assertThat(card.path("version").asText()).isEqualTo("1.5");
    assertThat(card.toString()).contains("…");
  }
}
