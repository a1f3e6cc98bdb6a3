package dev.followupbot.core;

import dev.followupbot.core.api.Cases;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Reminders;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.api.WebhookHistory;
import dev.followupbot.core.dashboard.WeeklyTrends;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.ConversationIntake;
import dev.followupbot.core.service.LateAnswers;
import dev.followupbot.core.service.ReminderService;
import java.util.concurrent.Executor;

/**
 * What {@link FollowupCore} hands the adapters, wired over the other parts: the inbound pipeline,
 * the cases and reminders facades, the weekly figures, late answers and the webhook history.
 */
final class ApiWiring {

  private final CoreBasics basics;
  private final DeliveryWiring send;
  private final CommandWiring commands;
  private final ConversationIntake conversations;
  private final ReminderService reminderService;
  final Cases cases;
  final Reminders reminders;
  final WeeklyTrends trends;
  final LateAnswers lateAnswers;
  final WebhookHistory webhookHistory;

  ApiWiring(
      CoreBasics basics,
      DeliveryWiring send,
      CaseWiring cases,
      ReminderService reminders,
      CommandWiring commands) {
    Storage storage = basics.storage();
    this.basics = basics;
    this.send = send;
    this.commands = commands;
    this.conversations = cases.cases.conversations();
    this.cases = new Cases(storage.cases(), cases.cases);
    this.reminderService = reminders;
    this.reminders = new Reminders(storage.reminders(), reminders);
    this.trends = new WeeklyTrends(storage.cases(), storage.feedback(), send.cards, basics.clock());
    this.lateAnswers = new LateAnswers(storage.outbox(), send.delivery, basics.clock());
    this.webhookHistory = new WebhookHistory(storage.webhooks());
  }

  InboundTurns inbound(TenantGuard guard, Executor afterAck) {
    return new InboundTurns(
        guard,
        afterAck,
        basics.storage().seenEvents(),
        basics.directory(),
        commands.router,
        conversations,
        reminderService,
        send.delivery,
        basics.clock());
  }
}
