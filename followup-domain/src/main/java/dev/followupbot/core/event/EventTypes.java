package dev.followupbot.core.event;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.sla.SlaState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events followup-bot reports to webhooks, by name: {@code case.<change>} for every entry of a
 * case's history ({@code case.created}, {@code case.claimed}, … {@code case.updated}), {@code
 * sla.<state>} when an SLA target changes state, {@code csat.recorded}, and {@code
 * reminder.<change>} when a reminder is set, delivered, snoozed, done or cancelled. A webhook's
 * filter lists names, or patterns such as {@code case.*} and {@code *}.
 */
public final class EventTypes {

  public static final String CSAT_RECORDED = "csat.recorded";

  /** The SLA state a target returns to when a pause ends. */
  public static final String SLA_RESUMED = "sla.resumed";

  public static final String REMINDER_SET = "reminder.set";
  public static final String REMINDER_DELIVERED = "reminder.delivered";
  public static final String REMINDER_SNOOZED = "reminder.snoozed";
  public static final String REMINDER_DONE = "reminder.done";

  /** A reminder was cancelled, or its series ended. */
  public static final String REMINDER_CANCELLED = "reminder.cancelled";

  private EventTypes() {}

  /** Every event name, in documentation order. */
  public static List<String> all() {
    List<String> names = new ArrayList<>();
    for (CaseAction action : CaseAction.values()) {
      if (action != CaseAction.RATED) {
        names.add(forCase(action));
      }
    }
    for (SlaState state : SlaState.values()) {
      if (state != SlaState.RUNNING) {
        names.add(forSla(state));
      }
    }
    names.add(SLA_RESUMED);
    names.add(CSAT_RECORDED);
    names.addAll(
        List.of(
            REMINDER_SET, REMINDER_DELIVERED, REMINDER_SNOOZED, REMINDER_DONE, REMINDER_CANCELLED));
    return names;
  }

  public static String forCase(CaseAction action) {
    return "case." + action.name().toLowerCase(Locale.ROOT);
  }

  public static String forSla(SlaState state) {
    return "sla." + state.name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code filter} (a name, {@code prefix.*} or {@code *}) is one a webhook may use. */
  public static boolean isValidFilter(String filter) {
    if (filter.equals("*")) {
      return true;
    }
    if (filter.endsWith(".*")) {
      String prefix = filter.substring(0, filter.length() - 1);
      return all().stream().anyMatch(n -> n.startsWith(prefix));
    }
    return all().contains(filter);
  }

  /** Whether an event named {@code type} passes {@code filter}. */
  public static boolean matches(String filter, String type) {
    if (filter.equals("*")) {
      return true;
    }
    if (filter.endsWith(".*")) {
      return type.startsWith(filter.substring(0, filter.length() - 1));
    }
    return filter.equals(type);
  }
}
