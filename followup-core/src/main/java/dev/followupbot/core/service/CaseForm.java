package dev.followupbot.core.service;

import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person filled in to open a case from a message (Slack's modal, Teams' dialog): the
 * subject, the customer, the priority and who owns it. {@link #problems()} names the fields that
 * cannot be used, so the form shows its errors and nothing is created.
 */
public record CaseForm(
    String subject,
    Optional<String> customer,
    Optional<Priority> priority,
    Optional<String> owner) {

  /** Subjects typed into a form are kept short enough to read on a card. */
  public static final int MAX_SUBJECT = 150;

  /** The form's fields, as the platform's form names them. */
  public enum Field {
    SUBJECT,
    CUSTOMER,
    PRIORITY,
    OWNER
  }

  public CaseForm {
    subject = subject == null ? "" : subject.strip();
    customer =
        Objects.requireNonNull(customer, "customer").map(String::strip).filter(c -> !c.isEmpty());
    Objects.requireNonNull(priority, "priority");
    owner = Objects.requireNonNull(owner, "owner").filter(o -> !o.isBlank());
  }

  /** The subject a form starts with for a message: its first line, cut at a word boundary. */
  public static String subjectFrom(String text, String requesterName) {
    return ConversationIntake.subjectOf(text, requesterName);
  }

  /** Shown when a submitted form names a message the bot did not offer it for. */
  public static String unknownMessage() {
    return ConversationReplies.formForUnknownMessage();
  }

  /** The fields that cannot be used, each with what is wrong, in the form's order. */
  public Map<Field, String> problems() {
    Map<Field, String> out = new LinkedHashMap<>();
    if (subject.isEmpty()) {
      out.put(Field.SUBJECT, ConversationReplies.subjectMissing());
    } else if (subject.length() > MAX_SUBJECT) {
      out.put(Field.SUBJECT, ConversationReplies.subjectTooLong(MAX_SUBJECT));
    }
    if (customer.filter(c -> c.length() > SupportCase.MAX_CUSTOMER).isPresent()) {
      out.put(Field.CUSTOMER, ConversationReplies.customerTooLong(SupportCase.MAX_CUSTOMER));
    }
    return out;
  }
}
