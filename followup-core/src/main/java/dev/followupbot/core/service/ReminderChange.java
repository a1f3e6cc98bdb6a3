package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a person's snooze, done or cancel of a reminder, by number: changed, refused, or
 * not settled because the reminder kept changing under it. Chat turns each into a sentence.
 */
sealed interface ReminderChange {

  /** The change is stored and the wake-up follows it; {@code endedSeries} is how it repeated. */
  record Changed(Reminder after, Optional<String> endedSeries) implements ReminderChange {
    public Changed {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(endedSeries, "endedSeries");
    }
  }

  /** A cancel of a finished occurrence that ended its going series, which repeated as given. */
  record SeriesEnded(String rule) implements ReminderChange {
    public SeriesEnded {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** The tenant has no reminder with that number. */
  record Missing() implements ReminderChange {}

  /** The reminder is someone else's, and the caller may not make this change to it. */
  record NotYours(Reminder current) implements ReminderChange {
    public NotYours {
      Objects.requireNonNull(current, "current");
    }
  }

  /** The reminder is done or cancelled already. */
  record Finished(Reminder current) implements ReminderChange {
    public Finished {
      Objects.requireNonNull(current, "current");
    }
  }

  /** The reminder changed under each of the attempts. */
  record Raced() implements ReminderChange {}
}
