package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Which case a conversation belongs to. Every top-level message that is part of a case is linked to
 * it once: the message a case was opened from, and the requester's follow-ups grouped into it. A
 * message belongs to at most one case, on every node; a second link of the same message is refused,
 * which is what makes "one case per message" hold when two nodes race.
 */
public interface CaseThreads {

  /**
   * Links the top-level message {@code rootId} in {@code channelId}, written by {@code requesterId}
   * at {@code postedAt}, to the case; false when the message already belongs to a case.
   */
  boolean link(
      TenantId tenant,
      String channelId,
      String rootId,
      long caseId,
      String requesterId,
      Instant postedAt);

  /**
   * The case whose thread {@code messageId} roots, or whose card it is: a reply or a reaction there
   * is about that case.
   */
  Optional<Long> caseOf(TenantId tenant, String channelId, String messageId);

  /**
   * The case of the requester's latest top-level message in the channel posted at or after since.
   */
  Optional<Long> latestOf(TenantId tenant, String channelId, String requesterId, Instant since);
}
