package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.Storage;
import java.time.Clock;

/** Builds every store on one database, sharing one transaction manager. */
public final class JdbiStorage {

  private JdbiStorage() {}

  public static Storage on(Database database, Clock clock) {
    JdbiTransactions tx = new JdbiTransactions(database.jdbi());
    return new Storage(
        tx,
        new JdbiTenantRepository(tx, clock),
        new JdbiPersonRepository(tx, clock),
        new JdbiCaseRepository(tx),
        new JdbiCaseThreads(tx, database.vendor()),
        new JdbiReminderRepository(tx),
        new JdbiOutbox(tx, database.vendor()),
        new JdbiSeenEvents(tx, database.vendor()),
        new JdbiPacing(tx, database.vendor()),
        new JdbiAddresses(tx, clock),
        new JdbiNudgeRepository(tx, database.vendor()),
        new JdbiRotations(tx),
        new JdbiTeamOverrides(tx),
        new JdbiFeedbackRepository(tx),
        new JdbiWebhookLog(tx, database.vendor()),
        new JdbiSlaStates(tx, database.vendor()),
        new JdbiSignIns(tx));
  }
}
