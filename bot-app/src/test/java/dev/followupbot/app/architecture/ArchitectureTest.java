package dev.followupbot.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core stays platform-free, and its inner layers stay free of infrastructure. */
@AnalyzeClasses(
    packages = "dev.followupbot.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
  static final ArchRule domain_and_messages_know_no_infrastructure =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.followupbot.core.domain..",
              "dev.followupbot.core.message..",
              "dev.followupbot.core.command..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.quartz..",
              "java.sql..",
              "org.jdbi..",
              "com.zaxxer..",
              "org.flywaydb..",
              "dev.followupbot.core.jdbc..",
              "dev.followupbot.core.quartz..",
              "dev.followupbot.core.service..");

  @ArchTest
  static final ArchRule services_use_ports_not_adapters =
      noClasses()
          .that()
          .resideInAnyPackage("dev.followupbot.core.service..", "dev.followupbot.core.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.quartz..",
              "java.sql..",
              "org.jdbi..",
              "dev.followupbot.core.jdbc..",
              "dev.followupbot.core.quartz..");

  @ArchTest
  static final ArchRule quartz_stays_in_its_adapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.followupbot.core.quartz..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.quartz..");

  @ArchTest
  static final ArchRule http_clients_stay_in_their_package =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.followupbot.core.http..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("okhttp3..")
          .because("the core only hands the adapters its connection rules");
}
