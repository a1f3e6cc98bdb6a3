package dev.followupbot.slack;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.service.Caller;
import java.time.Duration;

/**
 * Turns "user U123 in channel C456" from a payload into the core's {@link Caller}: the person's
 * name and time zone from Slack, in this workspace, in that channel.
 */
final class SlackCallers {

  /** How long a request may wait for users.info before the stored person stands in. */
  static final Duration LOOKUP_BUDGET = Duration.ofMillis(1000);

  private final SlackWorkspace workspace;
  private final SlackPeople people;

  SlackCallers(SlackWorkspace workspace, SlackPeople people) {
    this.workspace = workspace;
    this.people = people;
  }

  /** For work inside a request's three seconds. */
  Caller quickly(String userId, String channelId) {
    return caller(people.personWithin(userId, LOOKUP_BUDGET), channelId);
  }

  /** For work after the acknowledgement, which may wait for Slack. */
  Caller patiently(String userId, String channelId) {
    return caller(people.person(userId), channelId);
  }

  /**
   * Whether the person belongs to another workspace than {@code teamId} (a Slack Connect channel's
   * guest), by their users.info {@code team_id}, looked up within the request's budget; unknown
   * counts as not.
   */
  boolean fromElsewhere(String userId, String teamId) {
    people.personWithin(userId, LOOKUP_BUDGET);
    return people.homeTeam(userId).map(t -> !t.equals(teamId)).orElse(false);
  }

  /** Looks up the people mentioned in a command, within the request's budget. */
  void learnMentioned(String text) {
    people.learnMentioned(text, LOOKUP_BUDGET);
  }

  private Caller caller(Person person, String channelId) {
    return new Caller(
        workspace.tenant(),
        person.userId(),
        person.displayName(),
        person.zone(),
        channelId == null || channelId.isBlank() ? person.userId() : channelId,
        people.locale(person.userId()));
  }
}
