package dev.followupbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextRendererTest {

  @Test
  void renders_every_block_type_and_numbers_the_buttons() {
    Message m =
        Message.builder("fallback")
            .header("#1 · Refund")
            .section("line one\nline two")
            .facts(List.of(new Block.Fact("Owner", "Dana"), new Block.Fact("Status", "claimed")))
            .divider()
            .actions(List.of(Button.primary("Done", "done 1"), Button.of("Snooze", "snooze 1 1h")))
            .context("due 10:00")
            .build();
    PlainTextRenderer.Rendered r = new PlainTextRenderer().render(m, "> ");
    assertThat(r.text())
        .isEqualTo(
            "> [#1 · Refund]\n> line one\n> line two\n> Owner: Dana · Status: claimed\n> ----\n"
                + "> [1] Done  [2] Snooze   (type :1 to click the first)\n> (due 10:00)\n");
    assertThat(r.buttonCommands()).containsExactly("done 1", "snooze 1 1h");
  }

  @Test
  void a_link_button_shows_its_url_and_takes_no_number() {
    Message m =
        Message.builder("x")
            .actions(
                List.of(
                    Button.primary("Done", "done 1"),
                    Button.link("Open message", "https://chat.example/m/1")))
            .build();
    PlainTextRenderer.Rendered r = new PlainTextRenderer().render(m, "");
    assertThat(r.text())
        .isEqualTo(
            "[1] Done  [Open message: https://chat.example/m/1]   (type :1 to click the first)\n");
    assertThat(r.buttonCommands()).containsExactly("done 1");
  }

  @Test
  void many_facts_go_one_per_line() {
    List<Block.Fact> facts = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      facts.add(new Block.Fact("setting." + i, "a value that takes some room " + i));
    }
    String text =
        new PlainTextRenderer().render(Message.builder("x").facts(facts).build(), "").text();
    assertThat(text.lines())
        .hasSize(12)
        .first()
        .isEqualTo("setting.0: a value that takes some room 0");
  }

  @Test
  void mentions_read_as_at_names() {
    Message m = Message.text("<@lee> <@U42|Dana>: case #1 needs an owner");
    assertThat(new PlainTextRenderer().render(m, "").text())
        .isEqualTo("@lee @Dana: case #1 needs an owner\n");
  }

  @Test
  void every_block_type_has_a_rendering() {
    // Adding a block type must not silently print nothing in the console.
    assertThat(Block.class.getPermittedSubclasses()).hasSize(6);
  }
}
