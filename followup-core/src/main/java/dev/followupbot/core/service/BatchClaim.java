package dev.followupbot.core.service;

import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Claims outbox entries for this node and takes their conversations' sending slots, so that an
 * entry is sent by one sender and each conversation keeps the platform's pace on every node. An
 * entry whose slot is later is handed back until then.
 */
final class BatchClaim {

  /** What one claiming transaction left to send: per conversation, in order. */
  record Claimed(List<List<OutboxEntry>> conversations, Set<Instant> slotsLater) {}

  private final Transactions tx;
  private final Outbox outbox;
  private final Pacing pacing;
  private final Messengers messengers;
  private final Conversations conversations;
  private final String node;

  BatchClaim(
      Transactions tx,
      Outbox outbox,
      Pacing pacing,
      Messengers messengers,
      Conversations conversations,
      String node) {
    this.tx = tx;
    this.outbox = outbox;
    this.pacing = pacing;
    this.messengers = messengers;
    this.conversations = conversations;
    this.node = node;
  }

  /**
   * Claims the entries (skipping any another sender is claiming) and takes sending slots for those
   * that are paced, in one transaction. Every entry is claimed before any slot is taken, and slots
   * are taken in conversation order, so that transactions with overlapping batches, on any node,
   * lock rows in the same order and never wait in a circle.
   */
  Claimed claim(List<OutboxEntry> entries, Instant now) {
    return tx.inTransaction(() -> claimInOrder(entries, now));
  }

  private Claimed claimInOrder(List<OutboxEntry> entries, Instant now) {
    Map<String, List<OutboxEntry>> byConversation = new TreeMap<>();
    List<List<OutboxEntry>> ready = new ArrayList<>();
    Set<Long> claimed =
        Set.copyOf(outbox.claimAll(entries.stream().map(OutboxEntry::id).toList(), node, now));
    List<OutboxEntry> byId = new ArrayList<>(entries);
    byId.sort(Comparator.comparingLong(OutboxEntry::id));
    for (OutboxEntry entry : byId) {
      if (!claimed.contains(entry.id())) {
        continue;
      }
      conversations
          .of(entry)
          .ifPresentOrElse(
              c -> byConversation.computeIfAbsent(c, key -> new ArrayList<>()).add(entry),
              () -> ready.add(List.of(entry)));
    }
    Set<Instant> slotsLater = new TreeSet<>();
    for (Map.Entry<String, List<OutboxEntry>> conversation : byConversation.entrySet()) {
      List<OutboxEntry> goNow = new ArrayList<>();
      for (OutboxEntry entry : conversation.getValue()) {
        Duration spacing = messengers.forPlatform(entry.tenant().platform()).orElseThrow().pacing();
        Instant slot =
            spacing.isZero()
                ? now
                : pacing.slot(conversation.getKey(), spacing, now, entry.state().slotAt());
        if (slot.isAfter(now)) {
          outbox.postpone(entry.id(), slot);
          slotsLater.add(slot);
        } else {
          goNow.add(entry);
          if (!spacing.isZero()) {
            // Goes now: the next one, in this batch or another, keeps the spacing from it.
            pacing.sent(conversation.getKey(), now);
          }
        }
      }
      if (!goNow.isEmpty()) {
        ready.add(goNow);
      }
    }
    return new Claimed(ready, slotsLater);
  }

  /** Claims one entry on its own; false if it is not pending and due. */
  boolean claimOne(long id, Instant now) {
    return tx.inTransaction(() -> outbox.claim(id, node, now));
  }

  /**
   * For an entry claimed on its own: if its conversation is paced and its slot is later, hands it
   * back until then and returns the slot.
   */
  Optional<Instant> postponedSlot(
      OutboxEntry entry, Optional<String> conversation, Duration spacing, Instant now) {
    if (conversation.isEmpty() || spacing.isZero()) {
      return Optional.empty();
    }
    Instant slot = pacing.slot(conversation.get(), spacing, now, entry.state().slotAt());
    if (!slot.isAfter(now)) {
      return Optional.empty();
    }
    tx.run(() -> outbox.postpone(entry.id(), slot));
    return Optional.of(slot);
  }
}
