package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.OutboxEntry;
import java.util.Optional;

/**
 * Where an outbox entry posts: a message to its destination, a case card to the case's channel (in
 * the thread of the message the case came from). A card refresh edits a message in place and posts
 * nowhere, so it is not paced either.
 */
final class Conversations {

  private final CaseRepository cases;

  Conversations(CaseRepository cases) {
    this.cases = cases;
  }

  /** Where a message or a case card goes; a card refresh posts nothing. */
  Optional<Destination> postedTo(OutboxEntry entry) {
    if (entry.payload() instanceof OutboxEntry.PostMessage post) {
      return Optional.of(post.to());
    }
    if (entry.payload() instanceof OutboxEntry.PostCaseCard card) {
      return cases.findById(entry.tenant(), card.caseId()).map(Conversations::cardOf);
    }
    return Optional.empty();
  }

  /** Where a case's card goes: the thread of the message it came from, else its channel. */
  static Destination.Channel cardOf(SupportCase c) {
    return new Destination.Channel(
        c.tenant(),
        c.channelId(),
        c.source().filter(s -> s.channelId().equals(c.channelId())).map(s -> s.messageId()));
  }

  /** The conversation a post goes to, for pacing: a person's direct chat or a channel. */
  Optional<String> of(OutboxEntry entry) {
    return postedTo(entry).map(Conversations::key);
  }

  static String key(Destination to) {
    return to.tenant().key()
        + (to instanceof Destination.Direct ? "|user:" : "|channel:")
        + to.target();
  }
}
