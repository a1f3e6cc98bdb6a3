package dev.followupbot.app.console;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers to the terminal: direct messages to the person at the keyboard, notes to others ("to
 * bob: …"), and channel posts. Card updates are not reprinted; the reply already says what changed.
 */
public final class ConsoleMessenger implements Messenger {

  private final ConsoleOutput output;
  private final String me;
  private final AtomicLong ids = new AtomicLong();

  public ConsoleMessenger(ConsoleOutput output, String me) {
    this.output = output;
    this.me = me;
  }

  @Override
  public Platform platform() {
    return Platform.CONSOLE;
  }

  @Override
  public MessageRef post(Destination to, Message message) {
    String heading;
    if (to instanceof Destination.Direct direct) {
      heading =
          direct.user().userId().equals(me) ? "» to you:" : "» to " + direct.user().userId() + ":";
    } else {
      heading =
          "» in #"
              + to.target()
              + ((Destination.Channel) to).thread().map(t -> ", in the message's thread").orElse("")
              + ":";
    }
    output.print(heading, message);
    return new MessageRef(to.target(), Long.toString(ids.incrementAndGet()));
  }

  @Override
  public void update(TenantId tenant, MessageRef which, Message replacement) {
    // The console shows a transcript; the reply to the command already said what changed.
  }
}
