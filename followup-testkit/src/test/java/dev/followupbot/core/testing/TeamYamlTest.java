package dev.followupbot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamYamlTest {

  @Test
  void a_team_with_channels_people_and_intake_is_the_yaml_one_would_write() {
    String yaml =
        TeamYaml.team("support")
            .channels("C-SUPPORT", "C-QUIET")
            .members("ann", "bob")
            .admins("dana")
            .intake("auto")
            .intake("C-QUIET", "off")
            .yaml();

    assertThat(yaml)
        .isEqualTo(
            """
            teams:
              - id: support
                channels: [C-SUPPORT, C-QUIET]
                members: [ann, bob]
                admins: [dana]
                intake:
                  mode: auto
                  channels:
                    C-QUIET: off
            """);
  }

  @Test
  void a_team_without_intake_has_no_intake_key() {
    assertThat(TeamYaml.team("trial").channels("console").members("ann").yaml())
        .isEqualTo("teams:\n  - id: trial\n    channels: [console]\n    members: [ann]\n");
  }
}
