package dev.followupbot.slack;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.service.IntakeOutcome;

/**
 * Shows a case's state on the message it came from with the bot's own reaction: 🎫 once it is a
 * case, 👀 once someone owns it, ✅ once it is resolved. Best effort, after the acknowledgement; the
 * case card is the record.
 */
final class CaseMirror {

  static final String CASE = "ticket";
  static final String OWNED = "eyes";
  static final String RESOLVED = "white_check_mark";

  private final SlackThreads threads;
  private final AfterAck afterAck;

  CaseMirror(SlackThreads threads, AfterAck afterAck) {
    this.threads = threads;
    this.afterAck = afterAck;
  }

  void show(IntakeOutcome outcome) {
    if (outcome instanceof IntakeOutcome.Opened opened) {
      mark(opened.opened(), CASE);
    } else if (outcome instanceof IntakeOutcome.Changed changed) {
      SupportCase before = changed.applied().before();
      SupportCase after = changed.applied().after();
      if (after.status() == CaseStatus.RESOLVED && before.status() != CaseStatus.RESOLVED) {
        mark(after, RESOLVED);
      } else if (before.ownerId().isEmpty() && after.ownerId().isPresent()) {
        mark(after, OWNED);
      }
    }
  }

  private void mark(SupportCase c, String reaction) {
    c.source()
        .ifPresent(s -> afterAck.run(() -> threads.react(s.channelId(), s.messageId(), reaction)));
  }
}
