package dev.followupbot.app;

import dev.followupbot.core.service.AdminService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration when its file changes, as {@code admin reload} would: a file that does
 * not load is refused (and logged with the file, line and key), and the running configuration stays
 * in force. Polls the file's modification time, which works on every file system, including mounted
 * volumes where change notifications never arrive.
 */
final class ConfigWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final AdminService admin;
  private final ScheduledExecutorService poller;
  private volatile Stamp last;

  private record Stamp(FileTime modified, long size) {}

  ConfigWatcher(Path file, AdminService admin, long everyMillis) {
    this.file = file;
    this.admin = admin;
    this.last = stamp();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "followup-config-watch");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::check, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      Stamp now = stamp();
      if (now != null && !Objects.equals(now, last)) {
        last = now;
        log.info("{} changed: {}", file, admin.reloadFromSource("a change to " + file));
      }
    } catch (RuntimeException e) {
      log.warn("could not reload {} after a change: {}", file, e.toString());
    }
  }

  private Stamp stamp() {
    try {
      return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.debug("cannot read {}: {}", file, e.toString());
      return null;
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
