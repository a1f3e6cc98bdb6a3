package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.command.CommandSpec;
import dev.followupbot.core.testing.FakeConnector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What people read in Teams is what the bot meant: every {@code <case>} and {@code <when>} shows,
 * no entity shows, and no backtick shows where Teams does not draw code. The strings are the exact
 * ones the connector receives, read the way Microsoft documents that Teams renders them: message
 * text as Markdown with HTML (tags are taken as markup, entities are read once, {@code <code>}
 * draws code), Adaptive Card TextBlocks as Markdown without HTML, TextRuns as written, and an
 * invoke's message as plain text.
 */
class TeamsTextTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)>");

  /** What Teams shows for message text: the documented tags drawn, entities read once. */
  static String shownInMessage(String text) {
    Matcher tags = TAG.matcher(text);
    StringBuilder out = new StringBuilder();
    while (tags.find()) {
      assertThat(tags.group(2)).as("a tag Teams draws, in %s", text).isIn("code", "at");
      tags.appendReplacement(out, "");
    }
    tags.appendTail(out);
    String shown = out.toString();
    assertThat(shown).as("no stray angle bracket in %s", text).doesNotContain("<", ">");
    return ENTITY
        .matcher(shown)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1).equals("amp") ? "&" : m.group(1).equals("lt") ? "<" : ">"));
  }

  /** What Teams shows for one card element: TextRuns as written, TextBlocks as Markdown. */
  static String shownInCard(JsonNode element) {
    if (element.path("type").asText().equals("RichTextBlock")) {
      StringBuilder s = new StringBuilder();
      element.path("inlines").forEach(run -> s.append(run.path("text").asText()));
      return s.toString();
    }
    String text = element.path("text").asText();
    assertThat(text.replaceAll("</?at>", ""))
        .as("TextBlocks take no HTML: %s", text)
        .doesNotContain("<", ">", "`", "&lt;");
    return text;
  }

  private JsonNode lastPost(int before) {
    await().atMost(Duration.ofSeconds(10)).until(() -> teams.connector.posts().size() > before);
    List<FakeConnector.Call> posts = teams.connector.posts();
    return posts.get(posts.size() - 1).body();
  }

  private JsonNode say(ObjectNode activity) {
    int before = teams.connector.posts().size();
    assertThat(teams.post(activity).status()).isEqualTo(202);
    return lastPost(before);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = TeamsTextTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void a_usage_line_reaches_teams_with_its_placeholders_shown_and_its_commands_as_code() {
    JsonNode answer = say(teams.personal(ANN, "remind"));

    assertThat(answer.path("textFormat").asText()).isEqualTo("markdown");
    String text = answer.path("text").asText();
    assertThat(text)
        .endsWith(
            "Usage: <code>remind [@person] [&lt;case&gt;] &lt;when&gt; [note]</code>, for example"
                + " <code>remind 42 tomorrow 9am call Dana back</code>.");
    assertThat(shownInMessage(text))
        .endsWith(
            "Usage: remind [@person] [<case>] <when> [note], for example remind 42 tomorrow 9am"
                + " call Dana back.");
  }

  @Test
  void every_usage_line_is_written_for_teams_as_the_golden_file_says() throws IOException {
    List<String> lines = new ArrayList<>();
    for (CommandSpec spec : CommandSpec.ALL) {
      String sent = TeamsText.message(spec.usage());
      lines.add(sent);
      assertThat(shownInMessage(sent)).isEqualTo(spec.usage().replace("`", ""));
    }
    assertThat(String.join("\n", lines) + "\n").isEqualTo(golden("usage-lines.txt"));
  }

  @Test
  void help_is_a_card_whose_placeholders_show_and_whose_commands_are_monospace() {
    JsonNode card = say(teams.personal(ANN, "help")).path("attachments").get(0).path("content");

    List<String> shown = new ArrayList<>();
    card.path("body").forEach(e -> shown.add(shownInCard(e)));
    assertThat(shown)
        .contains("claim <case>: take an unclaimed case")
        .contains(
            "new <subject> [for <customer>] [!urgent|!high|!low] [ref:<id>]: open a case in this"
                + " channel");
    JsonNode claim = null;
    for (JsonNode e : card.path("body")) {
      if (shownInCard(e).startsWith("claim <case>")) {
        claim = e;
      }
    }
    assertThat(claim.path("type").asText()).isEqualTo("RichTextBlock");
    assertThat(claim.path("inlines").get(0).path("text").asText()).isEqualTo("claim <case>");
    assertThat(claim.path("inlines").get(0).path("fontType").asText()).isEqualTo("Monospace");
    assertThat(claim.path("inlines").get(1).path("text").asText())
        .isEqualTo(": take an unclaimed case");
    AdaptiveCardSchema.assertValid(card);
  }

  @Test
  void a_refusal_reaches_teams_with_its_command_as_code_and_nothing_escaped_twice() {
    String text = say(teams.personal(ANN, "clam 1")).path("text").asText();

    assertThat(text)
        .isEqualTo(
            "I don't know \"clam\". Did you mean <code>claim</code>? Type <code>help</code> to see"
                + " what I can do.");
    assertThat(shownInMessage(text))
        .isEqualTo("I don't know \"clam\". Did you mean claim? Type help to see what I can do.");
  }

  @Test
  void what_people_typed_is_shown_as_they_typed_it_never_as_markup() {
    // Teams sends what people type as HTML text: their < and & arrive as entities.
    say(teams.inChannel(ANN, "new Printer &lt;HP-4&gt; &amp; scanner for Smith &amp; Sons"));
    JsonNode card =
        teams.connector.posts().stream()
            .map(FakeConnector.Call::body)
            .filter(b -> b.path("attachments").size() > 0)
            .reduce((a, b) -> b)
            .orElseThrow()
            .path("attachments")
            .get(0)
            .path("content");

    assertThat(shownInCard(card.path("body").get(0))).isEqualTo("#1 · Printer <HP-4> & scanner");
    AdaptiveCardSchema.assertValid(card);
  }

  @Test
  void a_stale_buttons_answer_is_plain_text_without_backticks() {
    say(teams.inChannel(ANN, "new Refund for Acme"));
    teams.post(teams.execute(ANN, CHANNEL, "channel", "claim 1"));

    TeamsHarness.Answer stale =
        teams.post(teams.execute(TeamsHarness.BOB, CHANNEL, "channel", "claim 1"));

    assertThat(stale.json().path("type").asText())
        .isEqualTo("application/vnd.microsoft.activity.message");
    assertThat(stale.json().path("value").asText())
        .contains("ask Ann to hand it to you with “assign 1 @Bob”.")
        .doesNotContain("`");
  }
}
