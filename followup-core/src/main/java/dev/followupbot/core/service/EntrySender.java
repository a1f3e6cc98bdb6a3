package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.PriorDelivery;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed entry by its kind: posts a message, posts a case's card (rendered as the case
 * is now), or refreshes a card in place. A post whose last attempt went unanswered is looked up
 * first, and one whose outcome stayed unknown goes marked as a possible repeat.
 */
final class EntrySender {

  private static final Logger log = LoggerFactory.getLogger(EntrySender.class);

  private final Transactions tx;
  private final Outbox outbox;
  private final CaseRepository cases;
  private final CaseCards cards;
  private final CoreMetrics metrics;
  private final LongConsumer deliver;
  private final Clock clock;

  /** {@code deliver} sends an entry this queues on the way (a card that must catch up). */
  EntrySender(
      Transactions tx,
      Outbox outbox,
      CaseRepository cases,
      CaseCards cards,
      CoreMetrics metrics,
      LongConsumer deliver,
      Clock clock) {
    this.tx = tx;
    this.outbox = outbox;
    this.cases = cases;
    this.cards = cards;
    this.metrics = metrics;
    this.deliver = deliver;
    this.clock = clock;
  }

  /** Sends {@code entry}; returns where a post landed. Throws DeliveryFailure. */
  Optional<MessageRef> send(Messenger messenger, OutboxEntry entry) {
    if (entry.payload() instanceof OutboxEntry.PostMessage post) {
      return Optional.of(postMessage(messenger, entry, post));
    }
    if (entry.payload() instanceof OutboxEntry.PostCaseCard card) {
      return postCard(messenger, entry, card.caseId());
    }
    if (entry.payload() instanceof OutboxEntry.RefreshCard refresh) {
      refreshCard(messenger, entry, refresh.caseId());
      return Optional.empty();
    }
    throw new IllegalStateException("unknown outbox payload " + entry.payload());
  }

  private MessageRef postMessage(
      Messenger messenger, OutboxEntry entry, OutboxEntry.PostMessage post) {
    Message message = post.message();
    OutcomeMark mark = OutcomeMark.of(entry);
    if (mark instanceof OutcomeMark.Unanswered unanswered) {
      PriorDelivery prior = lookUpUnanswered(messenger, entry, post.to(), unanswered);
      if (prior instanceof PriorDelivery.Found found) {
        return found.ref();
      }
      if (prior instanceof PriorDelivery.CannotTell) {
        message = possibleRepeat(message);
      }
    } else if (mark instanceof OutcomeMark.Unknown) {
      message = possibleRepeat(message);
    }
    return messenger.post(post.to(), message, entry.key().value());
  }

  private Optional<MessageRef> postCard(Messenger messenger, OutboxEntry entry, long caseId) {
    Optional<SupportCase> found = cases.findById(entry.tenant(), caseId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SupportCase c = found.get();
    if (c.card().isPresent()) {
      return c.card();
    }
    Destination channel = Conversations.cardOf(c);
    if (OutcomeMark.of(entry) instanceof OutcomeMark.Unanswered unanswered) {
      PriorDelivery prior = lookUpUnanswered(messenger, entry, channel, unanswered);
      if (prior instanceof PriorDelivery.Found landed) {
        // The card keeps its address; it shows the case as it was at the first try, and every
        // change since found no card to update, so it is brought up to date in place.
        tx.run(() -> cases.saveCard(c.tenant(), c.id(), landed.ref()));
        catchUpRecoveredCard(entry.tenant(), caseId);
        return Optional.of(landed.ref());
      }
    }
    MessageRef ref = messenger.post(channel, cards.card(c), entry.key().value());
    tx.run(() -> cases.saveCard(c.tenant(), c.id(), ref));
    // The case may have changed while the card was on its way; make sure the card catches up.
    cases
        .findById(c.tenant(), c.id())
        .filter(now -> now.version() != c.version())
        .ifPresent(
            now ->
                deliver.accept(
                    tx.inTransaction(
                        () ->
                            outbox.enqueue(
                                OutboxEntry.cardCatchUp(
                                    now.tenant(), now.id(), now.version(), clock.instant())))));
    return Optional.of(ref);
  }

  private void refreshCard(Messenger messenger, OutboxEntry entry, long caseId) {
    Optional<SupportCase> found = cases.findById(entry.tenant(), caseId);
    if (found.isEmpty() || found.get().card().isEmpty()) {
      // Not posted yet: the pending post renders the case as it is when it goes out.
      return;
    }
    SupportCase c = found.get();
    messenger.update(c.tenant(), c.card().get(), cards.card(c));
  }

  /**
   * A card found on the platform after its post was cut off shows the case as it was then, and a
   * change made since found no card to update (a claim while the bot was restarting): it is brought
   * up to date in place, once. The card now has its address, so no second card is posted.
   */
  void catchUpRecoveredCard(TenantId tenant, long caseId) {
    cases
        .findById(tenant, caseId)
        .ifPresent(
            c ->
                deliver.accept(
                    tx.inTransaction(
                        () ->
                            outbox.enqueue(
                                OutboxEntry.cardRecovered(
                                    c.tenant(), c.id(), c.version(), clock.instant())))));
  }

  /**
   * Before a post that went out unanswered is sent again: whether the platform has it. Found: it is
   * recorded as sent, not sent again. Absent: it is sent, once, as it is. The platform cannot tell
   * (Teams): it is sent again with a "possible repeat" note, logged and counted. A lookup that
   * fails for now fails the attempt with the mark kept, so the next attempt looks again rather than
   * posting blind.
   */
  private PriorDelivery lookUpUnanswered(
      Messenger messenger, OutboxEntry entry, Destination to, OutcomeMark.Unanswered unanswered) {
    PriorDelivery prior;
    try {
      prior = messenger.findDelivered(to, entry.key().value(), unanswered.searchFrom());
    } catch (DeliveryFailure failure) {
      if (!failure.permanent()) {
        String reason =
            OutcomeMark.unansweredAt(
                unanswered.since(), "looking it up failed: " + failure.getMessage());
        throw failure
            .retryAfter()
            .map(wait -> DeliveryFailure.rateLimited(reason, wait))
            .orElseGet(() -> DeliveryFailure.transientFailure(reason, failure));
      }
      log.info(
          "cannot look up unanswered outbox entry id={} ({})", entry.id(), failure.getMessage());
      prior = PriorDelivery.CANNOT_TELL;
    } catch (RuntimeException unexpected) {
      throw DeliveryFailure.transientFailure(
          OutcomeMark.unansweredAt(unanswered.since(), "looking it up failed: " + unexpected),
          unexpected);
    }
    if (prior instanceof PriorDelivery.Found) {
      log.info(
          "outbox entry id={} key={} went out without an answer; the platform has it, so it is not"
              + " sent again",
          entry.id(),
          entry.key().value());
    } else if (prior instanceof PriorDelivery.Absent) {
      log.info(
          "outbox entry id={} key={} went out without an answer and never arrived; sending it now",
          entry.id(),
          entry.key().value());
    } else {
      metrics.possiblyDuplicated(entry.tenant().platform());
      log.warn(
          "outbox entry id={} key={} tenant={} went out without an answer and {} cannot tell"
              + " whether it arrived. Re-sending once, marked as a possible repeat.",
          entry.id(),
          entry.key(),
          entry.tenant(),
          entry.tenant().platform().key());
    }
    return prior;
  }

  private static Message possibleRepeat(Message original) {
    Message.Builder b = Message.builder(original.fallbackText());
    original.blocks().forEach(b::add);
    b.add(
        new Block.Context(
            "You may have received this already; I was interrupted while sending it. Sorry if it's a repeat."));
    return b.build();
  }
}
