package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.util.List;

/** Every sentence the bot says about cases from conversations, to the team. */
final class ConversationReplies {

  private ConversationReplies() {}

  /** The owner's question after the requester wrote only "thanks". */
  static Message resolvePrompt(SupportCase c, String requesterName) {
    String n = Integer.toString(c.number());
    String text =
        requesterName + " said thanks on case " + CaseViews.title(c) + ". Resolve #" + n + "?";
    return Message.builder(text)
        .section(text)
        .actions(
            List.of(Button.primary("Resolve", "resolve " + n), Button.of("Open case", "show " + n)))
        .build();
  }

  /**
   * The owner's note that their case was resolved on its own after {@code requesterName} stayed
   * quiet for {@code quietFor} of business time; a reply within {@code reopenWithin} reopens it.
   */
  static Message autoResolved(
      SupportCase c, String requesterName, String quietFor, String reopenWithin) {
    String n = Integer.toString(c.number());
    String text =
        "I resolved case "
            + CaseViews.title(c)
            + " after "
            + quietFor
            + " without a reply from "
            + requesterName
            + ". If they write within "
            + reopenWithin
            + ", it reopens.";
    return Message.builder(text)
        .section(text)
        .actions(List.of(Button.of("Open case", "show " + n), Button.of("Reopen", "reopen " + n)))
        .build();
  }

  /** A case's subject when its first message has no text (a file, an image). */
  static String untitled(String requesterName) {
    return "Message from " + requesterName;
  }

  static String subjectMissing() {
    return "Give the case a subject, such as the customer's question in a few words.";
  }

  static String subjectTooLong(int max) {
    return "Keep the subject under " + max + " characters; the message itself stays linked.";
  }

  static String customerTooLong(int max) {
    return "Keep the customer's name under " + max + " characters.";
  }

  static String formForUnknownMessage() {
    return "This form no longer matches a message. Close it and start again from the message.";
  }
}
