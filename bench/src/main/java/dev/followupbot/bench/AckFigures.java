package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;

/** Figures 1 and 1b: how fast slash commands are acknowledged, closed loop and at a steady rate. */
final class AckFigures {

  private AckFigures() {}

  static void ackLatency(Report report, FakeSlackApi slack, Path work, boolean full, int threads)
      throws Exception {
    int connections = full ? 50 : 5;
    Duration d = full ? Duration.ofSeconds(60) : Duration.ofSeconds(2);
    AckLatency.Load load = AckLatency.Load.closed(connections);
    AckLatency.Result base = AckLatency.baseline(slack, load, d);
    AckLatency.Result ours = AckLatency.ours(slack, work.resolve("ack"), threads, load, d);
    double ratio = ours.latency().p99() / base.latency().p99();
    report.add(
        new Report.Row(
            "1. Slash-command ack, "
                + connections
                + " connections, "
                + d.toSeconds()
                + " s: p50 / p99 / max",
            Stats.ms(ours.latency().p50())
                + " / "
                + Stats.ms(ours.latency().p99())
                + " / "
                + Stats.ms(ours.latency().max()),
            Stats.ms(base.latency().p50())
                + " / "
                + Stats.ms(base.latency().p99())
                + " / "
                + Stats.ms(base.latency().max()),
            "p99 " + Stats.ratio(ours.latency().p99(), base.latency().p99()),
            "p99 < 1.25× baseline, ≪ 3 s",
            Report.verdict(ratio < 1.25 && ours.latency().p99() < 3000)));
    report.add(
        new Report.Row(
            "1. Slash-command ack: requests per second (errors)",
            Stats.rate(ours.perSecond()) + " (" + ours.errors() + ")",
            Stats.rate(base.perSecond()) + " (" + base.errors() + ")",
            Stats.ratio(ours.perSecond(), base.perSecond()),
            "",
            ""));
  }

  /** The same mix at a steady rate well above a busy support team's, measured open loop. */
  static void steadyAck(Report report, FakeSlackApi slack, Path work, boolean full, int threads)
      throws Exception {
    int rate = full ? 100 : 20;
    Duration d = full ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    AckLatency.Load load = AckLatency.Load.open(rate);
    AckLatency.Result base = AckLatency.baseline(slack, load, d);
    AckLatency.Result ours = AckLatency.ours(slack, work.resolve("ack-steady"), threads, load, d);
    report.add(
        new Report.Row(
            "1b. Slash-command ack at a steady "
                + rate
                + " commands/s for "
                + d.toSeconds()
                + " s (open loop): p50 / p99 / max (errors)",
            Stats.ms(ours.latency().p50())
                + " / "
                + Stats.ms(ours.latency().p99())
                + " / "
                + Stats.ms(ours.latency().max())
                + " ("
                + ours.errors()
                + ")",
            Stats.ms(base.latency().p50())
                + " / "
                + Stats.ms(base.latency().p99())
                + " / "
                + Stats.ms(base.latency().max())
                + " ("
                + base.errors()
                + ")",
            "p99 " + Stats.ratio(ours.latency().p99(), base.latency().p99()),
            "≪ 3 s",
            Report.verdict(ours.latency().p99() < 1000 && ours.errors() == 0)));
  }
}
