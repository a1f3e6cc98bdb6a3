package dev.followupbot.core.api;

import dev.followupbot.core.service.Reply;

/**
 * How a platform shows a reply. {@link #inline} runs on the request's own thread, before anything
 * the command queued is delivered (a Teams turn's answer). The other two run after the platform has
 * been acknowledged, around the delivery of what the command queued (a Slack mention's private
 * answer before, the clicked message's new look after).
 */
public interface Answer {

  /** An answer given some other way: in the acknowledgement itself, or by the caller afterwards. */
  Answer IN_ACK = new Answer() {};

  default void inline(Reply reply) {}

  default void beforeDeliveries(Reply reply) {}

  default void afterDeliveries(Reply reply) {}
}
