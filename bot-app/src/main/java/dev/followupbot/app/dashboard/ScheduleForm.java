package dev.followupbot.app.dashboard;

import dev.followupbot.core.team.EscalationAction;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The schedules form's composed fields: business hours from the day rows, holidays from the date
 * list, and the escalation chain from its steps, each read back into the value {@code admin set}
 * takes, and kept only when it differs from what the page showed.
 */
final class ScheduleForm {

  /**
   * Adds each composed setting the form changed to {@code wanted}, or its problem to {@code
   * errors}.
   */
  static void readComposed(FormBody form, Map<String, String> wanted, Map<String, String> errors) {
    compose(form, "business_hours", hours(form), wanted, errors);
    compose(form, "holidays", holidays(form, errors), wanted, errors);
    compose(form, "unclaimed.escalation", escalation(form, errors), wanted, errors);
  }

  private static void compose(
      FormBody form,
      String key,
      Optional<String> value,
      Map<String, String> wanted,
      Map<String, String> errors) {
    if (value.isPresent()
        && !errors.containsKey(key)
        && !value.get().equals(form.get("was." + key).orElse(""))) {
      wanted.put(key, value.get());
    }
  }

  private static Optional<String> hours(FormBody form) {
    if (form.get("bh.present").isEmpty()) {
      return Optional.empty();
    }
    if (form.get("bh.always").isPresent()) {
      return Optional.of("always");
    }
    List<String> runs = new ArrayList<>();
    for (String d : SchedulesPage.DAYS) {
      if (form.get("bh." + d + ".open").isPresent()) {
        runs.add(
            d
                + " "
                + form.text("bh." + d + ".from").orElse("")
                + "-"
                + form.text("bh." + d + ".to").orElse(""));
      }
    }
    return Optional.of(runs.isEmpty() ? "none" : String.join(", ", runs));
  }

  private static Optional<String> holidays(FormBody form, Map<String, String> errors) {
    if (form.get("hol.present").isEmpty()) {
      return Optional.empty();
    }
    TreeSet<LocalDate> days = new TreeSet<>();
    List<String> kept = form.fields().getOrDefault("hol.keep", List.of());
    List<String> all = new ArrayList<>(kept);
    form.text("hol.add").ifPresent(all::add);
    for (String d : all) {
      try {
        days.add(LocalDate.parse(d.strip()));
      } catch (DateTimeParseException e) {
        errors.put("holidays", "'" + QueuePage.cut(d) + "' is not a date like 2026-12-25");
      }
    }
    return Optional.of(
        days.stream().map(LocalDate::toString).collect(Collectors.joining(", ", "[", "]")));
  }

  private static Optional<String> escalation(FormBody form, Map<String, String> errors) {
    if (form.get("esc.present").isEmpty()) {
      return Optional.empty();
    }
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Optional<String> after = form.text("esc." + i + ".after");
      if (after.isEmpty()) {
        continue;
      }
      String action = form.text("esc." + i + ".action").orElse("");
      if (EscalationAction.fromKey(action).isEmpty()) {
        errors.put("unclaimed.escalation", "step " + (i + 1) + " needs an action from the list");
        continue;
      }
      if (!after.get().matches("[0-9a-zA-Z ]{1,20}")) {
        errors.put("unclaimed.escalation", "step " + (i + 1) + ": write 'after' like 15m or 2h");
        continue;
      }
      Optional<String> to = form.text("esc." + i + ".to");
      if (to.isPresent() && !to.get().matches("[A-Za-z0-9_:./-]{1,200}")) {
        errors.put(
            "unclaimed.escalation", "step " + (i + 1) + ": 'to' must be a user id, like U0123");
        continue;
      }
      steps.add(
          "{after: "
              + after.get()
              + ", action: "
              + action.toLowerCase(Locale.ROOT)
              + to.map(t -> ", to: \"" + t + "\"").orElse("")
              + "}");
    }
    return Optional.of("[" + String.join(", ", steps) + "]");
  }

  private ScheduleForm() {}
}
