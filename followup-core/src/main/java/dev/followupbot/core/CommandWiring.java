package dev.followupbot.core;

import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.AdminService;
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.DashboardLinks;
import dev.followupbot.core.service.DigestService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.HomeService;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.ReportService;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The command grammar, wired for {@link FollowupCore}: the home view, reports, digests, team
 * administration and dashboard links next to cases and reminders, behind one {@link CommandRouter}.
 */
final class CommandWiring {

  final DigestService digests;
  final AdminService admin;
  final DashboardLinks dashboardLinks;
  final CommandRouter router;

  CommandWiring(
      CoreBasics basics,
      Optional<ConfigSource> source,
      Supplier<Optional<URI>> publicUrl,
      DeliveryWiring send,
      CaseWiring cases,
      ReminderService reminders) {
    Storage storage = basics.storage();
    SupportTeams teams = basics.teams();
    Directory directory = basics.directory();
    Clock clock = basics.clock();
    HomeService home =
        new HomeService(storage.cases(), storage.reminders(), directory, teams, clock);
    ReportService reports =
        new ReportService(
            storage.cases(), storage.reminders(), storage.feedback(), send.cards, teams, clock);
    this.digests =
        new DigestService(
            teams,
            storage.cases(),
            storage.reminders(),
            storage.people(),
            storage.outbox(),
            basics.scheduler(),
            send.cards,
            directory,
            send.delivery,
            clock);
    this.admin =
        new AdminService(
            teams,
            storage.teamOverrides(),
            source,
            digests,
            cases.rechecks,
            cases.watch,
            storage.cases(),
            directory,
            clock);
    this.dashboardLinks = new DashboardLinks(storage.signIns(), publicUrl, clock);
    this.router =
        new CommandRouter(
            cases.cases,
            reminders,
            home,
            reports,
            digests,
            admin,
            directory,
            dashboardLinks,
            clock);
  }
}
