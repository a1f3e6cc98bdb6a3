package dev.followupbot.core.when;

import java.time.LocalTime;
import java.util.List;

/**
 * Which half of the day a time without am/pm ({@code 5}, {@code 5:30}) means. A part of the day
 * decides it ({@code tonight at 8} is 20:00, {@code this morning at 9} 09:00). Otherwise it is the
 * reading inside the person's working hours (start included, end not): with 09:00 to 17:00, {@code
 * 9} is 09:00, {@code 1} is 13:00 and {@code 12} is 12:00. When neither reading or both fall
 * inside, both are offered ({@code 5}, {@code 8}).
 */
final class BareHours {

  private BareHours() {}

  static List<LocalTime> readings(Clocks.Clock clock, WhenContext ctx, DayParts.Part part) {
    if (clock.kind() != Clocks.Kind.BARE) {
      return List.of(clock.exact());
    }
    if (part != null) {
      return List.of(part.afternoonHalf ? clock.afternoon() : clock.morning());
    }
    LocalTime am = clock.morning();
    LocalTime pm = clock.afternoon();
    boolean amInside = inside(am, ctx);
    boolean pmInside = inside(pm, ctx);
    if (amInside != pmInside) {
      return List.of(amInside ? am : pm);
    }
    return List.of(pm, am);
  }

  private static boolean inside(LocalTime t, WhenContext ctx) {
    return !t.isBefore(ctx.hours().start()) && t.isBefore(ctx.hours().end());
  }
}
