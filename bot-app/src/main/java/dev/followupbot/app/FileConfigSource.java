package dev.followupbot.app;

import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import java.nio.file.Path;

/** The configuration file the bot was started with, read again on reload. */
record FileConfigSource(Path file) implements ConfigSource {

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public FollowupConfig load() {
    return ConfigLoader.load(file);
  }
}
