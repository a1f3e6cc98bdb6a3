package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.Integrations;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.RecordingWebhookReceiver;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A send cut off by a crash (claimed, never recorded) is settled as soon as its sender is certainly
 * gone: at the next start of a node that is not clustered, whatever name the node starts under, and
 * on a cluster when it was an earlier life of the restarting node. Settling looks the message up on
 * the platform: found, it is recorded with its address; not found, it is sent once, without a
 * "possible repeat" note. Nothing here moves the clock past the two minutes after which a claim is
 * presumed dead anyway: each of these would fail without the start-up settlement. A post that went
 * out and was never answered while the process lived (a timeout) is settled the same way, by its
 * next attempt: looked up first, never posted blind.
 */
class InterruptedSendsTest {

  private static final String HOOKS =
      """
      webhooks:
        - url: https://hooks.example.com/followup
          secret_env: HOOK_SECRET
      """;

  /** The name the crashed process claimed under: another host name than the restarted one's. */
  private static final String PREVIOUS = "old-container-3000";

  private static final Duration RESTART = Duration.ofSeconds(10);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Database db = TestDatabases.h2();
  private final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  private final RecordingWebhookReceiver receiver = new RecordingWebhookReceiver();
  private final CoreHarness crashed = harness("");

  @AfterEach
  void close() {
    db.close();
  }

  private CoreHarness harness(String yaml) {
    return new CoreHarness(
        db,
        Configs.quietExcept(yaml),
        clock,
        new Integrations(
            meters,
            receiver,
            name ->
                name.equals("HOOK_SECRET")
                    ? Optional.of("whsec-0123456789abcdef")
                    : Optional.empty()));
  }

  /** The process started again on the same database, a little later, with Slack's lookups on. */
  private CoreHarness restarted(String yaml) {
    clock.advance(RESTART);
    CoreHarness bot = harness(yaml);
    bot.slack.lookUpDeliveries();
    return bot;
  }

  private static Destination dmTo(String userId) {
    return new Destination.Direct(new UserRef(CoreHarness.ACME, userId));
  }

  /** Ann's reminder, due now, whose message the crashed process claimed and was sending. */
  private long reminderInFlight() {
    crashed.say(crashed.person("ann"), "remind in 1m stretch");
    clock.advance(Duration.ofMinutes(1));
    Reminder r = crashed.core.reminders().findByNumber(CoreHarness.ACME, 1).orElseThrow();
    long entry =
        crashed
            .storage
            .outbox()
            .enqueue(
                OutboxEntry.reminder(
                    dmTo("ann"),
                    Message.text("⏰ Reminder: stretch"),
                    r.id(),
                    r.occurrence(),
                    r.caseId(),
                    clock.instant()));
    assertThat(crashed.storage.outbox().claim(entry, PREVIOUS, clock.instant())).isTrue();
    return entry;
  }

  private OutboxEntry entry(CoreHarness bot, long id) {
    return bot.storage.outbox().find(id).orElseThrow();
  }

  private Reminder reminder(CoreHarness bot) {
    return bot.core.reminders().findByNumber(CoreHarness.ACME, 1).orElseThrow();
  }

  @Test
  void a_reminder_the_platform_got_is_recorded_as_delivered_at_start_up_and_not_sent_again() {
    long id = reminderInFlight();
    String key = entry(crashed, id).key().value();
    CoreHarness bot = restarted("");
    // Slack got the post; its answer never reached the process that died.
    MessageRef landed = bot.slack.post(dmTo("ann"), Message.text("⏰ Reminder: stretch"), key);

    assertThat(bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15))).isEqualTo(1);

    OutboxEntry settled = entry(bot, id);
    assertThat(settled.state().status()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).as("the one Slack already had").hasSize(1);
    assertThat(bot.slack.directTo("ann").get(0).ref()).isEqualTo(landed);
  }

  @Test
  void a_reminder_the_platform_never_got_is_sent_once_at_start_up_without_a_repeat_note() {
    long id = reminderInFlight();
    CoreHarness bot = restarted("");

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep(); // the first sweep, as the scheduler starts
    bot.core.wakeUps().sweep();

    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message()))
        .contains("stretch")
        .doesNotContain("Sorry if it's a repeat");
    assertThat(entry(bot, id).state().status()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  /** A case opened by ann whose card the crashed process was posting. */
  private long cardInFlight() {
    Reply opened = crashed.core.commands().handle(crashed.person("ann"), "new Refund for ACME");
    long card =
        opened.deliveries().stream()
            .filter(d -> entry(crashed, d).payload() instanceof OutboxEntry.PostCaseCard)
            .findFirst()
            .orElseThrow();
    assertThat(crashed.storage.outbox().claim(card, PREVIOUS, clock.instant())).isTrue();
    return card;
  }

  @Test
  void a_card_the_platform_got_keeps_its_address_and_a_claim_made_meanwhile_updates_it_in_place() {
    long card = cardInFlight();
    String key = entry(crashed, card).key().value();
    CoreHarness bot = restarted("");
    MessageRef landed =
        bot.slack.post(
            new Destination.Channel(CoreHarness.ACME, CoreHarness.CHANNEL),
            Message.text("#1 Refund for ACME · unclaimed"),
            key);
    // Someone claims before the lookup has run: there is no card to update yet.
    bot.say(bot.person("bob"), "claim 1");
    assertThat(bot.slack.updates()).isEmpty();

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep();

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().card())
        .contains(landed);
    assertThat(bot.slack.updates()).as("the card catches up with the claim").hasSize(1);
    RecordingMessenger.Update caughtUp = bot.slack.updates().get(0);
    assertThat(caughtUp.ref()).isEqualTo(landed);
    assertThat(Replies.text(caughtUp.message())).contains("claimed").contains("bob");

    bot.say(bot.person("bob"), "resolve 1");
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).as("one card, never a second").hasSize(1);
    assertThat(bot.slack.updates()).hasSize(2).allMatch(u -> u.ref().equals(landed));
  }

  @Test
  void a_card_the_platform_never_got_is_posted_once_at_start_up_and_later_changes_update_it() {
    cardInFlight();
    CoreHarness bot = restarted("");

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep();
    bot.say(bot.person("bob"), "claim 1");

    List<RecordingMessenger.Post> cards = bot.slack.inChannel(CoreHarness.CHANNEL);
    assertThat(cards).hasSize(1);
    assertThat(Replies.text(cards.get(0).message())).doesNotContain("Sorry if it's a repeat");
    assertThat(bot.slack.updates()).isNotEmpty().allMatch(u -> u.ref().equals(cards.get(0).ref()));
  }

  @Test
  void a_webhook_event_in_flight_is_sent_again_at_start_up_with_the_same_event_id() {
    CoreHarness before = harness(HOOKS);
    before.core.commands().handle(before.person("ann"), "new Refund for ACME");
    WebhookEntry event = firstEvent(before);
    assertThat(before.storage.webhooks().claim(event.id(), PREVIOUS, clock.instant())).isTrue();
    receiver.clear();
    CoreHarness bot = restarted(HOOKS);

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep();

    List<RecordingWebhookReceiver.Received> got =
        receiver.received().stream()
            .filter(r -> r.headers().get("X-Followup-Event-Id").equals(event.eventId()))
            .toList();
    assertThat(got).hasSize(1);
    assertThat(bot.storage.webhooks().find(event.id()).orElseThrow().state())
        .isEqualTo(WebhookEntry.State.DELIVERED);
  }

  private static WebhookEntry firstEvent(CoreHarness bot) {
    return bot
        .storage
        .webhooks()
        .list(CoreHarness.ACME, Optional.empty(), Optional.empty(), Long.MAX_VALUE, 100)
        .stream()
        .min(java.util.Comparator.comparingLong(WebhookEntry::id))
        .orElseThrow();
  }

  @Test
  void on_a_cluster_an_earlier_life_of_this_node_is_settled_at_start_up_and_a_live_member_is_not() {
    long mine = reminderInFlight();
    crashed.say(crashed.person("bob"), "remind in 1m coffee");
    clock.advance(Duration.ofMinutes(1));
    Reminder bobs = crashed.core.reminders().findByNumber(CoreHarness.ACME, 2).orElseThrow();
    long theirs =
        crashed
            .storage
            .outbox()
            .enqueue(
                OutboxEntry.reminder(
                    dmTo("bob"),
                    Message.text("⏰ Reminder: coffee"),
                    bobs.id(),
                    bobs.occurrence(),
                    bobs.caseId(),
                    clock.instant()));
    assertThat(crashed.storage.outbox().claim(theirs, "b-lz3k2", clock.instant())).isTrue();
    CoreHarness bot = restarted("");
    bot.scheduler.clusteredWith(Set.of("b-lz3k2", "test-node"), Set.of(PREVIOUS));

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep();

    assertThat(entry(bot, mine).state().status()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(entry(bot, theirs).state().status())
        .as("node b is alive and may still be sending it")
        .isEqualTo(OutboxEntry.State.SENDING);
    assertThat(bot.slack.directTo("bob")).isEmpty();

    // Node b stops checking in: its send is settled at the next sweep.
    bot.scheduler.clusteredWith(Set.of("test-node"), Set.of());
    clock.advance(Duration.ofSeconds(6));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("bob")).hasSize(1);
  }

  @Test
  void
      on_a_cluster_a_claim_of_another_member_is_left_alone_when_the_cluster_state_cannot_be_read() {
    long id = reminderInFlight();
    CoreHarness bot = restarted("");
    bot.scheduler.clusteredWith(Set.of(), Set.of());
    bot.scheduler.cannotReadClusterState();

    bot.core.interruptedSends().settleAtStart(Duration.ofSeconds(15));
    bot.core.wakeUps().sweep();

    assertThat(entry(bot, id).state().status()).isEqualTo(OutboxEntry.State.SENDING);
    assertThat(bot.slack.posts()).isEmpty();
  }

  // ------------------------------------------------ a post that went out and was never answered

  /** Ann's reminder "stretch", due now, whose post goes out as {@code bot} is told. */
  private Reminder dueReminder(CoreHarness bot) {
    bot.say(bot.person("ann"), "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    return reminder(bot);
  }

  private double possiblyDuplicated() {
    return meters.find("followup.deliveries.possibly_duplicated").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Test
  void a_post_slack_took_but_never_answered_is_looked_up_and_recorded_not_sent_again() {
    CoreHarness bot = harness("");
    bot.slack.lookUpDeliveries();
    bot.slack.acceptWithoutAnswer(1);

    Reminder due = dueReminder(bot);

    assertThat(bot.slack.directTo("ann")).as("Slack took it").hasSize(1);
    assertThat(due.status()).as("but no answer came").isEqualTo(ReminderStatus.PENDING);
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    assertThat(bot.slack.directTo("ann")).as("found by its key, never posted twice").hasSize(1);
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
    assertThat(possiblyDuplicated()).isZero();
  }

  @Test
  void a_post_that_timed_out_before_slack_took_it_is_sent_once_without_a_repeat_note() {
    CoreHarness bot = harness("");
    bot.slack.lookUpDeliveries();
    bot.slack.failNext(
        dev.followupbot.core.port.DeliveryFailure.outcomeUnknown("read timed out", null));

    dueReminder(bot);
    assertThat(bot.slack.directTo("ann")).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message())).doesNotContain("Sorry if it's a repeat");
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void a_lookup_that_fails_for_now_keeps_the_mark_so_the_next_attempt_looks_again() {
    CoreHarness bot = harness("");
    bot.slack.lookUpDeliveries();
    bot.slack.acceptWithoutAnswer(1);
    dueReminder(bot);
    // The lookup itself fails once (Slack is struggling): nothing is posted blind meanwhile.
    bot.slack.failNext(
        dev.followupbot.core.port.DeliveryFailure.transientFailure("history: HTTP 503", null));
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    clock.advance(Duration.ofSeconds(10));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void where_the_platform_cannot_look_an_unanswered_post_is_sent_again_once_marked_and_counted() {
    CoreHarness bot = harness(""); // lookups off: like Teams, the platform cannot tell
    bot.slack.acceptWithoutAnswer(1);

    dueReminder(bot);
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(2);
    assertThat(Replies.text(dms.get(1).message())).contains("Sorry if it's a repeat");
    assertThat(reminder(bot).status()).isEqualTo(ReminderStatus.DELIVERED);
    assertThat(possiblyDuplicated()).isEqualTo(1);
  }

  @Test
  void an_unanswered_card_keeps_its_address_and_a_claim_made_meanwhile_updates_it_in_place() {
    CoreHarness bot = harness("");
    bot.slack.lookUpDeliveries();
    bot.slack.acceptWithoutAnswer(1);

    bot.say(bot.person("ann"), "new Refund for ACME");
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).as("Slack took the card").hasSize(1);
    MessageRef landed = bot.slack.inChannel(CoreHarness.CHANNEL).get(0).ref();
    bot.say(bot.person("bob"), "claim 1");
    assertThat(bot.slack.updates()).as("no card known to update yet").isEmpty();
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().card())
        .contains(landed);
    assertThat(bot.slack.updates()).as("the card catches up with the claim").hasSize(1);
    assertThat(Replies.text(bot.slack.updates().get(0).message()))
        .contains("claimed")
        .contains("bob");
    bot.say(bot.person("bob"), "resolve 1");
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).as("one card, never a second").hasSize(1);
    assertThat(bot.slack.updates()).hasSize(2).allMatch(u -> u.ref().equals(landed));
  }

  @Test
  void an_unanswered_post_handed_back_unsent_by_a_slow_batch_is_still_looked_up_when_it_goes() {
    CoreHarness bot = harness("");
    bot.slack.lookUpDeliveries();
    bot.say(bot.person("ann"), "remind in 1m stretch");
    bot.say(bot.person("bob"), "remind in 1m coffee");
    // Ann's post times out before Slack takes it; Bob's is taken, and its answer never comes.
    bot.slack.failNext(
        dev.followupbot.core.port.DeliveryFailure.outcomeUnknown("read timed out", null));
    bot.slack.acceptWithoutAnswer(1);
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.directTo("ann")).isEmpty();
    assertThat(bot.slack.directTo("bob")).hasSize(1);
    // Both go again in one batch; Ann's post is so slow that Bob's turn comes too late for the
    // batch, and Bob's entry goes back to the queue unsent.
    bot.slack.whilePosting(
        post -> {
          if (post.to().target().equals("ann")) {
            clock.advance(Duration.ofMinutes(2));
          }
        });
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.slack.whilePosting(post -> {});
    clock.advance(Duration.ofSeconds(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();

    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.slack.directTo("bob")).as("found by its key, never posted twice").hasSize(1);
  }
}
