package dev.followupbot.core;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.CoreMetrics;
import dev.followupbot.core.service.Directory;
import java.time.Clock;

/**
 * What every wiring part of {@link FollowupCore} is built on: the stores and the scheduler it was
 * given, names and zones, the teams in force, the metrics, delivery shortcuts, this node's name and
 * the clock. It lives only while the core is wired.
 */
record CoreBasics(
    Storage storage,
    ReminderScheduler scheduler,
    Directory directory,
    SupportTeams teams,
    CoreMetrics metrics,
    Later later,
    String node,
    Clock clock) {}
