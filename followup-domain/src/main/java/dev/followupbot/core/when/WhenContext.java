package dev.followupbot.core.when;

import dev.followupbot.core.domain.WorkingHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a time phrase is read against: the moment it was typed, in the zone it is meant in (the
 * person's own, or the team's for a channel reminder), the person's locale for numeric dates, and
 * their working hours, which decide a bare hour ({@code at 5}) and mean {@code eod}, {@code cob}
 * and {@code next week}.
 */
public record WhenContext(ZonedDateTime now, Optional<Locale> locale, WorkingHours hours) {

  /** Working hours when a person has set none: Monday to Friday, 09:00 to 17:00. */
  public static final WorkingHours DEFAULT_HOURS =
      new WorkingHours(
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0));

  public WhenContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(hours, "hours");
  }

  /** Read in {@code zone} at {@code now}, with no known locale and the default working hours. */
  public static WhenContext at(Instant now, ZoneId zone) {
    return new WhenContext(now.atZone(zone), Optional.empty(), DEFAULT_HOURS);
  }

  public static WhenContext at(ZonedDateTime now) {
    return new WhenContext(now, Optional.empty(), DEFAULT_HOURS);
  }

  public ZoneId zone() {
    return now.getZone();
  }

  public WhenContext withLocale(Optional<Locale> other) {
    return new WhenContext(now, other, hours);
  }

  public WhenContext withHours(WorkingHours other) {
    return new WhenContext(now, locale, other);
  }

  public WhenContext inZone(ZoneId other) {
    return new WhenContext(now.withZoneSameInstant(other), locale, hours);
  }

  /** How the person writes numeric dates: month first (en-US), day first, or not known. */
  NumericDates numericDates() {
    if (locale.isEmpty()) {
      return NumericDates.UNKNOWN;
    }
    String country = locale.get().getCountry();
    if (country.isEmpty()) {
      return locale.get().getLanguage().equals("en")
          ? NumericDates.UNKNOWN
          : NumericDates.DAY_FIRST;
    }
    return MONTH_FIRST_COUNTRIES.contains(country)
        ? NumericDates.MONTH_FIRST
        : NumericDates.DAY_FIRST;
  }

  /** Countries whose usual short date is month/day. */
  private static final java.util.Set<String> MONTH_FIRST_COUNTRIES =
      java.util.Set.of("US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI");

  /** The order of day and month in {@code 12/11}. */
  enum NumericDates {
    MONTH_FIRST,
    DAY_FIRST,
    UNKNOWN
  }
}
