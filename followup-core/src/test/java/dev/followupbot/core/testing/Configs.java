package dev.followupbot.core.testing;

import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.FollowupConfig;

/** Test configurations: quiet everywhere except what the test's YAML turns on. */
public final class Configs {

  private Configs() {}

  /** The YAML's teams and defaults on top of {@link CoreHarness#QUIET}. */
  public static FollowupConfig quietExcept(String yaml) {
    FollowupConfig written = ConfigLoader.parse("test.yaml", yaml);
    return written.withTeams(CoreHarness.QUIET.overriddenBy(written.defaults()), written.teams());
  }

  public static CoreHarness harness(String yaml, String at) {
    return new CoreHarness(TestDatabases.h2(), quietExcept(yaml), MutableClock.at(at));
  }
}
