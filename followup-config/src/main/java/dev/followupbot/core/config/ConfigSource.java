package dev.followupbot.core.config;

/** Where the configuration comes from, so it can be read again on {@code admin reload}. */
public interface ConfigSource {

  /** What to call it in messages, e.g. {@code config/followup.yaml}. */
  String name();

  /** Reads it again; a mistake is a ConfigException naming the file, the line and the key. */
  FollowupConfig load();
}
