package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.command.Command;
import org.junit.jupiter.api.Test;

class CommandHandlersTest {

  private static final Caller ANN =
      new Caller(
          dev.followupbot.core.domain.TenantId.CONSOLE,
          "ann",
          "Ann",
          java.time.ZoneOffset.UTC,
          "C1");

  @Test
  void a_command_goes_to_the_handler_of_its_type() {
    CommandHandlers handlers =
        new CommandHandlers()
            .on(Command.WhoAmI.class, (caller, c) -> Reply.privately("me: " + caller.userId()))
            .on(Command.Dashboard.class, (caller, c) -> Reply.privately("dashboard"));

    assertThat(handlers.handle(ANN, new Command.WhoAmI()).message().fallbackText())
        .isEqualTo("me: ann");
    assertThat(handlers.handle(ANN, new Command.Dashboard()).message().fallbackText())
        .isEqualTo("dashboard");
  }

  @Test
  void a_type_without_a_handler_or_with_two_fails_at_construction() {
    CommandHandlers one = new CommandHandlers().on(Command.WhoAmI.class, (caller, c) -> null);

    assertThatThrownBy(one::complete).hasMessageStartingWith("no handler for ");
    assertThatThrownBy(() -> one.on(Command.WhoAmI.class, (caller, c) -> null))
        .hasMessage("two handlers for WhoAmI");
  }
}
