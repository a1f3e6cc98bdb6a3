package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.testing.CoreHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The core's messages as Block Kit: golden files for the messages people actually see (from the
 * real core), and Slack's limits and escaping rules on made-up extremes.
 *
 * <p>Golden files live in {@code src/test/resources/golden/}. After an intended change, rerun with
 * {@code -Dgolden.update=true} and review the diff.
 */
class BlockKitRendererTest {

  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BlockKitRenderer renderer = new BlockKitRenderer();

  // ---- golden files -------------------------------------------------------------------------

  @Test
  void the_case_card_matches_its_golden_file() throws IOException {
    try (CoreHarness core = CoreHarness.onH2()) {
      Caller ann = core.person("ann", "Europe/Berlin");
      core.say(ann, "new \"Refund for Acme\" for Dana !high ref:ZD-4211");
      Message card = core.slack.inChannel(CoreHarness.CHANNEL).get(0).message();
      assertGolden("case-card.json", json(renderer.message(card)));
    }
  }

  @Test
  void a_reminder_dm_matches_its_golden_file() throws IOException {
    try (CoreHarness core = CoreHarness.onH2()) {
      Caller ann = core.person("ann", "Europe/Berlin");
      core.say(ann, "new Refund for Acme");
      core.say(ann, "claim 1");
      core.say(ann, "remind 1 in 1m call Dana back & confirm <the amount>");
      core.advance(Duration.ofMinutes(1));
      Message reminder = core.slack.directTo("ann").get(0).message();
      assertGolden("reminder-dm.json", json(renderer.message(reminder)));
    }
  }

  @Test
  void help_matches_its_golden_file() throws IOException {
    try (CoreHarness core = CoreHarness.onH2()) {
      Message help = core.say(core.person("ann"), "help").message();
      assertGolden("help.json", json(renderer.message(help)));
    }
  }

  @Test
  void the_home_tab_matches_its_golden_file() throws IOException {
    try (CoreHarness core = CoreHarness.onH2()) {
      Caller ann = core.person("ann", "Europe/Berlin");
      core.say(ann, "new Refund for Acme");
      core.say(ann, "new Login broken for Globex !urgent");
      core.say(ann, "claim 1");
      core.say(ann, "remind 1 tomorrow 9am call Dana back");
      View home = renderer.home(core.core.commands().home(ann));
      assertGolden("home.json", JSON.readTree(GSON.toJson(home)));
    }
  }

  // ---- limits and escaping ------------------------------------------------------------------

  @Test
  void text_from_people_cannot_become_a_link_or_a_broadcast() {
    Message m =
        Message.builder("<!channel> & <@U123> say hi")
            .section("Subject: <!here|here> & <https://evil.example|click> `claim 1`")
            .context("by <@U0|x> <@lower>")
            .build();
    BlockKitRenderer.Rendered r = renderer.message(m);
    assertThat(r.text()).isEqualTo("&lt;!channel&gt; &amp; <@U123> say hi");
    String blocks = tree(r.blocks()).toString();
    assertThat(blocks)
        .contains("Subject: &lt;!here|here&gt; &amp; &lt;https://evil.example|click&gt; `claim 1`")
        .contains("by <@U0|x> &lt;@lower&gt;")
        .doesNotContain("<!here")
        .doesNotContain("<https");
  }

  @Test
  void the_cores_mentions_of_people_stay_mentions() {
    Message m = Message.text("<@U0LEAD> <@U0ANN> 👋 #1 · Refund has waited 30 min for an owner.");
    assertThat(tree(renderer.message(m).blocks()).toString())
        .contains("<@U0LEAD> <@U0ANN> 👋 #1 · Refund has waited 30 min");
  }

  @Test
  void a_message_never_has_more_than_fifty_blocks_and_says_when_it_was_shortened() {
    Message.Builder b = Message.builder("a long list");
    for (int i = 0; i < 80; i++) {
      b.section("line " + i);
    }
    List<LayoutBlock> blocks = renderer.message(b.build()).blocks();
    assertThat(blocks).hasSize(BlockKitRenderer.MESSAGE_BLOCKS);
    assertThat(GSON.toJson(blocks.get(49))).contains("Shortened to fit in Slack");
    assertThat(GSON.toJson(blocks.get(48))).contains("line 48");
  }

  @Test
  void the_home_tab_may_have_a_hundred_blocks_and_no_more() {
    Message.Builder b = Message.builder("a long home");
    for (int i = 0; i < 150; i++) {
      b.section("line " + i);
    }
    View home = renderer.home(b.build());
    assertThat(home.getType()).isEqualTo("home");
    assertThat(home.getBlocks()).hasSize(BlockKitRenderer.HOME_BLOCKS);
    assertThat(GSON.toJson(home.getBlocks().get(99))).contains("Shortened to fit in Slack");
  }

  @Test
  void a_long_section_is_split_at_line_breaks_into_sections_of_at_most_3000_characters() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      text.append("case ").append(i).append(" — a & b <c>\n");
    }
    List<JsonNode> sections = sections(renderer.message(Message.text(text.toString())));
    assertThat(sections).hasSizeGreaterThan(1);
    StringBuilder joined = new StringBuilder();
    for (JsonNode s : sections) {
      String t = s.path("text").path("text").asText();
      assertThat(t.length()).isLessThanOrEqualTo(3000);
      assertThat(t).doesNotStartWith("\n").doesNotEndWith("&").doesNotEndWith("&am");
      joined.append(t).append('\n');
    }
    assertThat(joined.toString()).contains("case 0 — a &amp; b &lt;c&gt;").contains("case 299 —");
  }

  @Test
  void a_single_line_longer_than_a_section_is_cut_without_breaking_an_escape() {
    String text = "&".repeat(2000) + "x".repeat(3000);
    List<JsonNode> sections = sections(renderer.message(Message.text(text)));
    int total = 0;
    for (JsonNode s : sections) {
      String t = s.path("text").path("text").asText();
      assertThat(t.length()).isLessThanOrEqualTo(3000);
      assertThat(t.replace("&amp;", "")).doesNotContain("&");
      total += t.replace("&amp;", "&").length();
    }
    assertThat(total).isEqualTo(5000);
  }

  @Test
  void buttons_carry_their_command_with_unique_action_ids_25_to_a_block_and_short_labels() {
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      buttons.add(Button.of("Snooze " + i, "snooze " + i + " 1h"));
    }
    buttons.add(Button.primary("L".repeat(100), "done 7"));
    Message m =
        Message.builder("buttons")
            .actions(buttons)
            .actions(List.of(new Button("Delete", "cancel 1", Button.Style.DANGER)))
            .build();
    JsonNode blocks = tree(renderer.message(m).blocks());
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).path("elements")).hasSize(25);
    assertThat(blocks.get(1).path("elements")).hasSize(6);
    Set<String> ids = new HashSet<>(blocks.findValuesAsText("action_id"));
    assertThat(ids).hasSize(32).allMatch(id -> id.matches("followup_\\d+"));
    JsonNode first = blocks.get(0).path("elements").get(0);
    assertThat(first.path("value").asText()).isEqualTo("snooze 0 1h");
    assertThat(first.path("text").path("type").asText()).isEqualTo("plain_text");
    assertThat(first.has("style")).isFalse();
    JsonNode longOne = blocks.get(1).path("elements").get(5);
    assertThat(longOne.path("text").path("text").asText()).hasSize(75).endsWith("…");
    assertThat(longOne.path("style").asText()).isEqualTo("primary");
    assertThat(blocks.get(2).path("elements").get(0).path("style").asText()).isEqualTo("danger");
  }

  @Test
  void facts_become_fields_ten_to_a_section() {
    List<Block.Fact> facts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      facts.add(new Block.Fact("Label " + i, "value <" + i + ">"));
    }
    JsonNode blocks =
        tree(renderer.message(Message.builder("facts").facts(facts).build()).blocks());
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).path("fields")).hasSize(10);
    assertThat(blocks.get(1).path("fields")).hasSize(2);
    assertThat(blocks.get(0).path("fields").get(0).path("text").asText())
        .isEqualTo("*Label 0*\nvalue &lt;0&gt;");
  }

  @Test
  void headers_are_plain_text_of_at_most_150_characters() {
    JsonNode blocks =
        tree(
            renderer
                .message(Message.builder("h").header("H & <b> " + "x".repeat(300)).build())
                .blocks());
    JsonNode text = blocks.get(0).path("text");
    assertThat(text.path("type").asText()).isEqualTo("plain_text");
    assertThat(text.path("text").asText()).hasSize(150).startsWith("H & <b> ");
  }

  @Test
  void the_fallback_text_always_goes_along_even_without_blocks() {
    BlockKitRenderer.Rendered r = renderer.message(new Message("Just text", List.of()));
    assertThat(r.text()).isEqualTo("Just text");
    assertThat(r.blocks()).isEmpty();
    View home = renderer.home(new Message("Nothing yet", List.of()));
    assertThat(GSON.toJson(home.getBlocks())).contains("Nothing yet");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static List<JsonNode> sections(BlockKitRenderer.Rendered r) {
    List<JsonNode> out = new ArrayList<>();
    tree(r.blocks()).forEach(out::add);
    out.forEach(b -> assertThat(b.path("type").asText()).isEqualTo("section"));
    return out;
  }

  private static JsonNode tree(List<LayoutBlock> blocks) {
    try {
      return JSON.readTree(GSON.toJson(blocks));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(BlockKitRenderer.Rendered r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("text", r.text());
    node.set("blocks", tree(r.blocks()));
    return node;
  }

  private static void assertGolden(String name, JsonNode actual) throws IOException {
    String rendered = JSON.writeValueAsString(actual) + "\n";
    Path source = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, rendered, StandardCharsets.UTF_8);
    }
    try (InputStream in = BlockKitRendererTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s (create it with -Dgolden.update=true)", name).isNotNull();
      JsonNode expected = JSON.readTree(in);
      assertThat(JSON.writeValueAsString(actual))
          .as("Block Kit for %s", name)
          .isEqualTo(JSON.writeValueAsString(expected));
    }
  }
}
