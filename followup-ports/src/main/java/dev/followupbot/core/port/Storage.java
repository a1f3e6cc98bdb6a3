package dev.followupbot.core.port;

import java.util.Objects;

/**
 * Every store the core works with, on one database. Built before the platform adapters, which need
 * some of these stores (addresses, seen events) before the core exists.
 */
public record Storage(
    Transactions transactions,
    TenantRepository tenants,
    PersonRepository people,
    CaseRepository cases,
    CaseThreads caseThreads,
    ReminderRepository reminders,
    Outbox outbox,
    SeenEvents seenEvents,
    Pacing pacing,
    Addresses addresses,
    NudgeRepository nudges,
    Rotations rotations,
    TeamOverrides teamOverrides,
    FeedbackRepository feedback,
    WebhookLog webhooks,
    SlaStates slaStates,
    dev.followupbot.core.port.SignIns signIns) {

  public Storage {
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(people, "people");
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(caseThreads, "caseThreads");
    Objects.requireNonNull(reminders, "reminders");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(seenEvents, "seenEvents");
    Objects.requireNonNull(pacing, "pacing");
    Objects.requireNonNull(addresses, "addresses");
    Objects.requireNonNull(nudges, "nudges");
    Objects.requireNonNull(rotations, "rotations");
    Objects.requireNonNull(teamOverrides, "teamOverrides");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(slaStates, "slaStates");
    Objects.requireNonNull(signIns, "signIns");
  }
}
