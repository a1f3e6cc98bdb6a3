package dev.followupbot.core;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.CaseService;
import dev.followupbot.core.service.CaseWatch;
import dev.followupbot.core.service.CoreMetrics;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.NudgeService;
import dev.followupbot.core.service.OpenCaseRechecks;
import dev.followupbot.core.service.SlaWatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Cases, wired for {@link FollowupCore}: the watch over open cases (nudges, SLA states, the
 * rechecks a settings change asks for) and {@link CaseService} on top of it, whose admins are the
 * ones the teams in force name.
 */
final class CaseWiring {

  final NudgeService nudges;
  final OpenCaseRechecks rechecks;
  final CaseWatch watch;
  final CaseService cases;

  CaseWiring(CoreBasics basics, DeliveryWiring send) {
    Storage storage = basics.storage();
    ReminderScheduler scheduler = basics.scheduler();
    SupportTeams teams = basics.teams();
    Directory directory = basics.directory();
    CoreMetrics metrics = basics.metrics();
    Clock clock = basics.clock();
    SlaWatch slaWatch =
        new SlaWatch(
            storage.transactions(), storage.slaStates(), send.cards, send.webhookEvents, clock);
    this.nudges =
        new NudgeService(
            storage.transactions(),
            storage.nudges(),
            storage.cases(),
            storage.outbox(),
            scheduler,
            send.cards,
            directory,
            send.delivery,
            metrics,
            clock);
    this.rechecks = new OpenCaseRechecks();
    this.watch =
        new CaseWatch(
            storage.cases(),
            storage.nudges(),
            storage.rotations(),
            storage.outbox(),
            scheduler,
            send.cards,
            directory,
            nudges,
            send.delivery,
            slaWatch,
            basics.later(),
            rechecks,
            this::resolveAfterSilence,
            clock);
    this.cases =
        new CaseService(
            storage.transactions(),
            storage.tenants(),
            storage.cases(),
            storage.caseThreads(),
            storage.reminders(),
            storage.outbox(),
            scheduler,
            directory,
            user -> teams.config().accessPolicy().isAdmin(user),
            send.cards,
            watch,
            storage.feedback(),
            send.webhookEvents,
            metrics,
            clock);
  }

  /** The watch resolves silent cases through the use case, which is built after it. */
  private List<Long> resolveAfterSilence(TenantId tenant, long caseId, Instant since) {
    return cases.resolveAfterSilence(tenant, caseId, since);
  }
}
