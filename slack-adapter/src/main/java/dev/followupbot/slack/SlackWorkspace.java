package dev.followupbot.slack;

import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * The one Slack workspace this bot token belongs to, as auth.test describes it. Every payload is
 * checked against it: requests from any other team are refused politely and change nothing, so the
 * data of one workspace never reaches another.
 */
record SlackWorkspace(String teamId, String teamName, String botUserId) {

  SlackWorkspace {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(botUserId, "botUserId");
    teamName = teamName == null || teamName.isBlank() ? teamId : teamName;
  }

  TenantId tenant() {
    return new TenantId(Platform.SLACK, teamId);
  }

  /** Whether a payload from {@code payloadTeam} belongs here. */
  boolean owns(String payloadTeam) {
    return teamId.equals(payloadTeam);
  }

  /** Admits this workspace's payloads, as this workspace's tenant. */
  TenantGuard guard() {
    return new TenantGuard() {
      @Override
      public Optional<TenantId> admit(String platformTenant) {
        return owns(platformTenant) ? Optional.of(tenant()) : Optional.empty();
      }

      @Override
      public Message refusal() {
        return Message.text(SlackWorkspace.this.refusal());
      }
    };
  }

  /** What someone from another workspace is told. */
  String refusal() {
    return "Sorry, this followup-bot works for the "
        + teamName
        + " workspace only, so I can't act on requests from yours."
        + " Ask your Slack admin to install followup-bot in your own workspace.";
  }
}
