package dev.followupbot.teams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Bot Builder stays inside this module: what the launcher can call (public methods of public
 * classes) neither takes nor returns a {@code com.microsoft.bot} type.
 */
@AnalyzeClasses(
    packages = "dev.followupbot.teams",
    importOptions = ImportOption.DoNotIncludeTests.class)
class TeamsBoundaryTest {

  private static final DescribedPredicate<JavaClass> SDK =
      DescribedPredicate.describe(
          "a Bot Builder type", c -> c.getPackageName().startsWith("com.microsoft.bot"));

  @ArchTest
  static final ArchRule the_public_api_shows_no_bot_builder_type =
      methods()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .should(
              new ArchCondition<JavaMethod>("neither take nor return a Bot Builder type") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                  boolean leaks =
                      SDK.test(method.getRawReturnType())
                          || method.getRawParameterTypes().stream().anyMatch(SDK::test);
                  if (leaks) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName()));
                  }
                }
              });
}
