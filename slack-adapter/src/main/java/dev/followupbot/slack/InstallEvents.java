package dev.followupbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The app uninstalled or its tokens revoked: nothing to do but say so clearly in the log. */
final class InstallEvents {

  private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);

  private InstallEvents() {}

  static void listen(App app) {
    app.event(
        AppUninstalledEvent.class,
        (payload, ctx) -> {
          log.warn(
              "Slack: followup-bot was uninstalled from team {}. Messages to it will fail until"
                  + " it is reinstalled and SLACK_BOT_TOKEN is updated.",
              InboundEvents.authorizingTeam(payload));
          return ctx.ack();
        });
    app.event(
        TokensRevokedEvent.class,
        (payload, ctx) -> {
          log.warn(
              "Slack: tokens were revoked in team {}. If the bot token was among them, messages"
                  + " will fail until SLACK_BOT_TOKEN is replaced.",
              InboundEvents.authorizingTeam(payload));
          return ctx.ack();
        });
  }
}
