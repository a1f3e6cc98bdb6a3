package dev.followupbot.core.service;

import java.util.Optional;

/** What became of a change to team settings ({@code admin set}, or the dashboard's form). */
public sealed interface SettingsOutcome {

  /** What to tell the admin. */
  String message();

  /** Stored, recorded in {@code admin_changes} and in force. */
  record Applied(String message) implements SettingsOutcome {}

  /**
   * Nothing changed. {@code setting} names the value at fault when one is (a bad duration), and is
   * empty when the change as a whole was refused (an unknown team, not an admin).
   */
  record Refused(String message, Optional<String> setting) implements SettingsOutcome {}
}
