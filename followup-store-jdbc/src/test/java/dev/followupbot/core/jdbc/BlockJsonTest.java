package dev.followupbot.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox's stored format for blocks stays readable as buttons gain links. */
class BlockJsonTest {

  @Test
  void a_button_queued_before_link_buttons_existed_reads_as_a_command_button() throws Exception {
    Block read =
        BlockJson.mapper()
            .readValue(
                "{\"type\":\"actions\",\"buttons\":"
                    + "[{\"label\":\"Done\",\"command\":\"done 1\",\"style\":\"PRIMARY\"}]}",
                Block.class);

    assertThat(read).isEqualTo(new Block.Actions(List.of(Button.primary("Done", "done 1"))));
    assertThat(((Block.Actions) read).buttons().get(0).opensLink()).isFalse();
  }

  @Test
  void a_link_button_is_stored_with_its_url() throws Exception {
    Block actions =
        new Block.Actions(List.of(Button.link("Open message", "https://slack.com/archives/C1/p1")));

    String json = BlockJson.mapper().writeValueAsString(actions);

    assertThat(BlockJson.mapper().readValue(json, Block.class)).isEqualTo(actions);
  }
}
