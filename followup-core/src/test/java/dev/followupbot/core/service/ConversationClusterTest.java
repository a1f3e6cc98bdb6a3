package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.OneTenant;
import dev.followupbot.core.testing.TeamYaml;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/** Two nodes on one PostgreSQL database hear the same conversation: it is one case. */
class ConversationClusterTest {

  private static final FollowupConfig CONFIG =
      CoreHarness.quiet(
          ConfigLoader.parse(
              "followup.yaml",
              TeamYaml.team("support")
                  .channels(CoreHarness.CHANNEL)
                  .members("ann", "bob")
                  .intake("auto")
                  .yaml()));

  private static final TenantGuard ACME = OneTenant.acme("Acme only.");

  private final CoreHarness one =
      new CoreHarness(TestDatabases.postgres(), CONFIG, MutableClock.at("2026-11-23T09:00:00Z"));
  private final FollowupCore twoCore =
      FollowupCore.builder(JdbiStorage.on(one.database, one.clock), one.scheduler)
          .messengers(List.of(one.slack))
          .config(CONFIG)
          .node("node-2")
          .clock(one.clock)
          .build();

  @AfterEach
  void close() {
    one.close();
  }

  @RepeatedTest(3)
  void the_same_message_event_delivered_to_both_nodes_at_once_opens_one_case() throws Exception {
    ChannelPost post = post("carol", "1000.0001", "The export fails");
    EventKey key = new EventKey("slack", "T-ACME", "message:" + CoreHarness.CHANNEL + ":1000.0001");

    List<Handled> handled = race(node -> node.post("T-ACME", key, speaker("carol"), post));

    assertThat(handled).filteredOn(h -> h instanceof Handled.Heard).hasSize(1);
    assertThat(handled).filteredOn(h -> h instanceof Handled.Repeat).hasSize(1);
    assertOneCaseWithOneCard();
  }

  @RepeatedTest(3)
  void two_members_ticketing_one_message_on_two_nodes_at_once_open_one_case() throws Exception {
    ChannelPost root = post("carol", "1000.0001", "Where is my refund");

    race(
        node -> {
          String who = node == inbound(one.core) ? "ann" : "bob";
          return node.react(
              "T-ACME",
              new EventKey("slack", "T-ACME", "reaction:" + who),
              speaker(who),
              new ChannelReaction(CoreHarness.CHANNEL, "1000.0001", who, false, "ticket", true),
              tenant ->
                  Optional.of(
                      new ConversationIntake.Opening(
                          root,
                          new Caller(
                              tenant, "carol", "carol", ZoneId.of("UTC"), CoreHarness.CHANNEL))));
        });

    assertOneCaseWithOneCard();
  }

  private InboundTurns nodeOne;
  private InboundTurns nodeTwo;

  private InboundTurns inbound(FollowupCore core) {
    if (nodeOne == null) {
      nodeOne = one.core.inbound(ACME, Runnable::run);
      nodeTwo = twoCore.inbound(ACME, Runnable::run);
    }
    return core == one.core ? nodeOne : nodeTwo;
  }

  private List<Handled> race(java.util.function.Function<InboundTurns, Handled> turn)
      throws Exception {
    InboundTurns a = inbound(one.core);
    InboundTurns b = inbound(twoCore);
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Handled>> both = new ArrayList<>();
    for (InboundTurns node : List.of(a, b)) {
      both.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                return turn.apply(node);
              }));
    }
    List<Handled> out = new ArrayList<>();
    for (CompletableFuture<Handled> f : both) {
      out.add(f.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  private void assertOneCaseWithOneCard() {
    assertThat(one.core.cases().findByNumber(CoreHarness.ACME, 1)).isPresent();
    assertThat(one.core.cases().findByNumber(CoreHarness.ACME, 2)).isEmpty();
    assertThat(one.slack.posts()).hasSize(1);
  }

  private static dev.followupbot.core.api.Speaker speaker(String who) {
    return tenant -> new Caller(tenant, who, who, ZoneId.of("UTC"), CoreHarness.CHANNEL);
  }

  private static ChannelPost post(String who, String ts, String text) {
    return new ChannelPost(
        CoreHarness.CHANNEL,
        ts,
        Optional.empty(),
        who,
        false,
        false,
        text,
        Instant.parse("2026-11-23T09:00:00Z"),
        Optional.empty());
  }
}
