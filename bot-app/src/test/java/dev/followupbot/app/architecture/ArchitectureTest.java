package dev.followupbot.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.NudgeRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.PersonRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.Rotations;
import dev.followupbot.core.port.SeenEvents;
import dev.followupbot.core.port.SignIns;
import dev.followupbot.core.port.SlaStates;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.port.WebhookLog;
import java.util.List;

/**
 * The layers of followup-bot, checked on every main class of every module (bot-app sees them all):
 * no package cycles, and each layer reaches only the layers below it. The Maven modules enforce the
 * same edges by their dependencies (and each module's {@code layer-edges} enforcer ban); this test
 * also catches an edge inside one module, and names the class that crossed.
 *
 * <pre>
 *   domain  &lt;-  ports  &lt;-  core  &lt;-  slack, teams  &lt;-  app
 *      ^                     |                         |
 *      +------  config  &lt;---+                         |
 *   ports  &lt;-  store (jdbc), wake-ups (quartz)  &lt;-------+   (only the app wires them)
 * </pre>
 */
@AnalyzeClasses(
    packages = "dev.followupbot",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /** Test helpers other modules reuse travel in {@code -tests.jar}s; they are not the product. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String[] DOMAIN = {
    "dev.followupbot.core.domain..",
    "dev.followupbot.core.message..",
    "dev.followupbot.core.command..",
    "dev.followupbot.core.when..",
    "dev.followupbot.core.schedule..",
    "dev.followupbot.core.sla..",
    "dev.followupbot.core.team..",
    "dev.followupbot.core.event.."
  };

  @ArchTest
  static final ArchRule modules_are_free_of_cycles =
      slices().matching("dev.followupbot.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule core_packages_are_free_of_cycles =
      slices().matching("dev.followupbot.core.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule app_packages_are_free_of_cycles =
      slices().matching("dev.followupbot.app.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("Ports")
          .definedBy("dev.followupbot.core.port..")
          .layer("Config")
          .definedBy("dev.followupbot.core.config..")
          .layer("Core")
          .definedBy(
              "dev.followupbot.core",
              "dev.followupbot.core.api..",
              "dev.followupbot.core.service..",
              "dev.followupbot.core.webhook..",
              "dev.followupbot.core.dashboard..",
              "dev.followupbot.core.http..")
          .layer("Store")
          .definedBy("dev.followupbot.core.jdbc..")
          .layer("WakeUps")
          .definedBy("dev.followupbot.core.quartz..")
          .layer("Testkit")
          .definedBy("dev.followupbot.core.testing..")
          .layer("Slack")
          .definedBy("dev.followupbot.slack..")
          .layer("Teams")
          .definedBy("dev.followupbot.teams..")
          .layer("App")
          .definedBy("dev.followupbot.app..")
          .whereLayer("Domain")
          .mayNotAccessAnyLayer()
          .whereLayer("Ports")
          .mayOnlyAccessLayers("Domain")
          .whereLayer("Config")
          .mayOnlyAccessLayers("Domain")
          .whereLayer("Core")
          .mayOnlyAccessLayers("Domain", "Ports", "Config")
          .whereLayer("Core")
          .mayOnlyBeAccessedByLayers("Slack", "Teams", "App")
          .whereLayer("Store")
          .mayOnlyAccessLayers("Domain", "Ports")
          .whereLayer("Store")
          .mayOnlyBeAccessedByLayers("App")
          .whereLayer("WakeUps")
          .mayOnlyAccessLayers("Domain", "Ports")
          .whereLayer("WakeUps")
          .mayOnlyBeAccessedByLayers("App")
          // The bench (not a layer, not analysed here) is the one main code that uses the testkit.
          .whereLayer("Testkit")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Slack")
          .mayOnlyBeAccessedByLayers("App")
          .whereLayer("Teams")
          .mayOnlyBeAccessedByLayers("App");

  @ArchTest
  static final ArchRule core_knows_no_chat_sdk_servlet_or_jetty =
      noClasses()
          .that()
          .resideInAPackage("dev.followupbot.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.slack.api..",
              "com.microsoft.bot..",
              "jakarta.servlet..",
              "javax.servlet..",
              "org.eclipse.jetty..")
          .because("platform code belongs in slack-adapter, teams-adapter or bot-app");

  @ArchTest
  static final ArchRule domain_knows_no_infrastructure =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN)
          .or()
          .resideInAPackage("dev.followupbot.core.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.fasterxml.jackson..",
              "org.quartz..",
              "java.sql..",
              "javax.sql..",
              "org.jdbi..",
              "com.zaxxer..",
              "org.flywaydb..",
              "io.micrometer..",
              "okhttp3..")
          .because("the domain and the ports are plain values and rules (followup-domain, -ports)");

  @ArchTest
  static final ArchRule use_cases_use_ports_not_infrastructure =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.followupbot.core",
              "dev.followupbot.core.service..",
              "dev.followupbot.core.webhook..",
              "dev.followupbot.core.dashboard..",
              "dev.followupbot.core.config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.quartz..", "java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..")
          .because("followup-core reaches a database or a scheduler only through its ports");

  @ArchTest
  static final ArchRule quartz_stays_in_its_adapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.followupbot.core.quartz..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.quartz..");

  @ArchTest
  static final ArchRule jdbi_and_flyway_stay_in_the_store =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.followupbot.core.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jdbi..", "org.flywaydb..", "com.zaxxer..");

  @ArchTest
  static final ArchRule core_http_clients_stay_in_their_package =
      noClasses()
          .that()
          .resideInAPackage("dev.followupbot.core..")
          .and()
          .resideOutsideOfPackage("dev.followupbot.core.http..")
          // Ignored: followup-testkit's fake Slack Web API and Bot Connector serve HTTP
          // (MockWebServer). No product layer uses them (the Testkit rule in layers); the bench,
          // which is not the product and not on this classpath, uses FakeSlackApi at compile scope.
          .and()
          .resideOutsideOfPackage("dev.followupbot.core.testing..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("okhttp3..")
          .because("the core only hands the adapters its connection rules");

  /**
   * The store ports: what only the use cases (and the launcher that builds them) may hold. Values
   * declared inside them (a series, a sign-in's outcome) are not stores.
   */
  private static final DescribedPredicate<JavaClass> A_STORE =
      new DescribedPredicate<>("a store port or its implementation") {
        private final List<Class<?>> stores =
            List.of(
                CaseRepository.class,
                ReminderRepository.class,
                PersonRepository.class,
                TenantRepository.class,
                FeedbackRepository.class,
                NudgeRepository.class,
                Outbox.class,
                SeenEvents.class,
                WebhookLog.class,
                TeamOverrides.class,
                SignIns.class,
                SlaStates.class,
                Rotations.class,
                Pacing.class,
                Storage.class,
                Transactions.class);

        @Override
        public boolean test(JavaClass c) {
          return stores.stream().anyMatch(c::isAssignableTo);
        }
      };

  @ArchTest
  static final ArchRule adapters_reach_no_store =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.followupbot.slack..",
              "dev.followupbot.teams..",
              "dev.followupbot.app.api..",
              "dev.followupbot.app.dashboard..",
              "dev.followupbot.app.console..")
          .should()
          .dependOnClassesThat(A_STORE)
          .because(
              "platforms, the REST API and the dashboard go through the core's facades"
                  + " (inbound, cases, reminders); only the launcher wires stores");

  @ArchTest
  static final ArchRule the_core_hands_out_no_store =
      methods()
          .that()
          .areDeclaredIn(FollowupCore.class)
          .and()
          .arePublic()
          .should()
          .haveRawReturnType(DescribedPredicate.not(A_STORE))
          .because("FollowupCore is a composition root, not a service locator");
}
