package dev.followupbot.core.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Every sentence the bot says to a requester, in their case's thread. */
final class CustomerReplies {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private CustomerReplies() {}

  /**
   * The courteous question to a requester who has gone quiet: {@code mention} is how the renderers
   * mention them, and the case is resolved on the day of {@code resolveAt} unless they write.
   */
  static String anythingElse(String mention, Instant resolveAt, ZoneId zone) {
    return "Hi "
        + mention
        + ", is there anything else we can help with? If we don't hear back, we'll mark this as"
        + " solved on "
        + resolveAt.atZone(zone).format(DAY)
        + ". A reply here keeps it open.";
  }
}
