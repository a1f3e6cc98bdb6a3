package dev.followupbot.core.service;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.WorkingHours;
import dev.followupbot.core.schedule.Availability;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.schedule.DailyHours;
import dev.followupbot.core.team.SupportTeam;

/**
 * When a nudge may reach a person or a channel. A person is reachable in their own working hours
 * (or the team's business hours in the team's zone, if they set none), outside the team's quiet
 * hours read in the person's zone; a channel in the team's hours outside its quiet hours.
 */
final class Availabilities {

  private final Directory directory;

  Availabilities(Directory directory) {
    this.directory = directory;
  }

  Availability ofChannel(SupportTeam team) {
    return new Availability(team.policy().calendar(), team.policy().quietHours(), team.zone());
  }

  Availability ofPerson(SupportTeam team, TenantId tenant, String userId) {
    Person p = directory.person(tenant, userId);
    BusinessCalendar hours =
        p.workingHours().map(wh -> calendar(wh, p, team)).orElse(team.policy().calendar());
    return new Availability(hours, team.policy().quietHours(), p.zone());
  }

  private static BusinessCalendar calendar(WorkingHours wh, Person p, SupportTeam team) {
    DailyHours daily =
        new DailyHours(
            wh.start().getHour() * 60 + wh.start().getMinute(),
            wh.end().getHour() * 60 + wh.end().getMinute());
    return BusinessCalendar.weekly(p.zone(), wh.days(), daily)
        .withHolidays(team.policy().calendar().holidays());
  }
}
