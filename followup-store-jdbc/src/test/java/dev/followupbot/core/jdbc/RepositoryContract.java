package dev.followupbot.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.Transition;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.domain.WorkingHours;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.CaseSearch;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.SlaStates;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind the repositories must do. Run against H2 and PostgreSQL. */
abstract class RepositoryContract {

  static final TenantId ACME = new TenantId(Platform.SLACK, "T1");
  static final TenantId GLOBEX = new TenantId(Platform.TEAMS, "tenant-2");
  static final Instant T0 = Instant.parse("2026-11-23T09:00:00.123456Z");

  Database db;
  JdbiTransactions tx;
  JdbiTenantRepository tenants;
  JdbiCaseRepository cases;
  JdbiReminderRepository reminders;
  JdbiPersonRepository people;
  JdbiOutbox outbox;
  JdbiSeenEvents seenEvents;
  JdbiPacing pacing;
  JdbiAddresses addresses;
  JdbiWebhookLog webhooks;
  JdbiSlaStates slaStates;
  final MutableClock clock = new MutableClock(T0);

  abstract Database open();

  @BeforeEach
  void setUp() {
    db = open();
    tx = new JdbiTransactions(db.jdbi());
    tenants = new JdbiTenantRepository(tx, clock);
    cases = new JdbiCaseRepository(tx);
    reminders = new JdbiReminderRepository(tx);
    people = new JdbiPersonRepository(tx, clock);
    outbox = new JdbiOutbox(tx, db.vendor());
    seenEvents = new JdbiSeenEvents(tx, db.vendor());
    pacing = new JdbiPacing(tx, db.vendor());
    addresses = new JdbiAddresses(tx, clock);
    webhooks = new JdbiWebhookLog(tx, db.vendor());
    slaStates = new JdbiSlaStates(tx, db.vendor());
    tenants.ensure(ACME);
    tenants.ensure(GLOBEX);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  SupportCase newCase(TenantId tenant, String subject) {
    return tx.inTransaction(
        () ->
            cases.insert(
                SupportCase.open(
                    tenant,
                    tenants.nextCaseNumber(tenant),
                    Optional.of("EXT-" + subject),
                    subject,
                    Optional.of("Dana"),
                    Priority.HIGH,
                    "C1",
                    "ann",
                    T0)));
  }

  @Test
  void a_case_round_trips_with_all_its_fields_and_exact_instants() {
    SupportCase stored = newCase(ACME, "Refund");
    assertThat(stored.id()).isPositive();
    assertThat(stored.number()).isEqualTo(1);
    assertThat(stored.createdAt()).isEqualTo(T0);
    assertThat(stored.customer()).contains("Dana");
    assertThat(stored.externalRef()).contains("EXT-Refund");
    assertThat(cases.findByExternalRef(ACME, "EXT-Refund")).contains(stored);
    assertThat(cases.findByNumber(ACME, 1)).contains(stored);
  }

  @Test
  void numbers_are_per_tenant_and_never_repeat_under_concurrency() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Integer>> work = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      work.add(() -> tx.inTransaction(() -> tenants.nextCaseNumber(ACME)));
    }
    List<Integer> numbers = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(work)) {
      numbers.add(f.get());
    }
    pool.shutdown();
    assertThat(numbers).doesNotHaveDuplicates().hasSize(40);
    assertThat(tx.inTransaction(() -> tenants.nextCaseNumber(GLOBEX))).isEqualTo(1);
  }

  @Test
  void lookups_never_cross_tenants() {
    SupportCase acme = newCase(ACME, "Secret");
    assertThat(cases.findByNumber(GLOBEX, 1)).isEmpty();
    assertThat(cases.findById(GLOBEX, acme.id())).isEmpty();
    assertThat(cases.findByExternalRef(GLOBEX, "EXT-Secret")).isEmpty();
    assertThat(cases.list(GLOBEX, EnumSet.allOf(CaseStatus.class), Optional.empty(), 10)).isEmpty();
    assertThat(cases.history(GLOBEX, acme.id())).isEmpty();
  }

  @Test
  void an_update_based_on_a_stale_read_is_rejected() {
    SupportCase read = newCase(ACME, "Refund");
    SupportCase bobs = ((Transition.Applied) read.claim("bob", T0)).after();
    SupportCase cys = ((Transition.Applied) read.claim("cy", T0)).after();
    assertThat(cases.update(bobs)).isTrue();
    assertThat(cases.update(cys)).isFalse();
    assertThat(cases.findById(ACME, read.id()).orElseThrow().ownerId()).contains("bob");
  }

  @Test
  void history_is_kept_in_order_and_cards_are_remembered() {
    SupportCase c = newCase(ACME, "Refund");
    Transition.Applied claimed = (Transition.Applied) c.claim("bob", T0.plusSeconds(1));
    cases.update(claimed.after());
    cases.append(
        ACME,
        new CaseEvent(
            c.id(),
            T0,
            "ann",
            CaseAction.CREATED,
            Optional.empty(),
            CaseStatus.UNCLAIMED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    cases.append(ACME, claimed.event());
    assertThat(cases.history(ACME, c.id()))
        .extracting(CaseEvent::action)
        .containsExactly(CaseAction.CREATED, CaseAction.CLAIMED);
    cases.saveCard(ACME, c.id(), new MessageRef("C1", "1700000000.000100"));
    assertThat(cases.findById(ACME, c.id()).orElseThrow().card())
        .contains(new MessageRef("C1", "1700000000.000100"));
  }

  @Test
  void histories_of_several_cases_come_in_one_read_in_order_and_never_cross_tenants() {
    SupportCase one = newCase(ACME, "One");
    SupportCase two = newCase(ACME, "Two");
    SupportCase quiet = newCase(ACME, "Quiet");
    SupportCase theirs = newCase(GLOBEX, "Theirs");
    Transition.Applied claimed = (Transition.Applied) one.claim("bob", T0.plusSeconds(1));
    cases.update(claimed.after());
    cases.append(ACME, created(one));
    cases.append(ACME, created(two));
    cases.append(ACME, claimed.event());
    cases.append(GLOBEX, created(theirs));

    Map<Long, List<CaseEvent>> histories =
        cases.histories(ACME, List.of(one.id(), two.id(), quiet.id(), theirs.id()));

    assertThat(histories.get(one.id()))
        .extracting(CaseEvent::action)
        .containsExactly(CaseAction.CREATED, CaseAction.CLAIMED);
    assertThat(histories.get(two.id()))
        .extracting(CaseEvent::action)
        .containsExactly(CaseAction.CREATED);
    assertThat(histories.get(quiet.id())).isEmpty();
    assertThat(histories.get(theirs.id())).as("another tenant's case").isEmpty();
    assertThat(cases.histories(ACME, List.of())).isEmpty();
  }

  private static CaseEvent created(SupportCase c) {
    return new CaseEvent(
        c.id(),
        T0,
        "ann",
        CaseAction.CREATED,
        Optional.empty(),
        CaseStatus.UNCLAIMED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void lists_filter_by_status_and_owner_oldest_first() {
    SupportCase one = newCase(ACME, "One");
    newCase(ACME, "Two");
    cases.update(((Transition.Applied) one.claim("bob", T0)).after());
    assertThat(cases.list(ACME, EnumSet.of(CaseStatus.UNCLAIMED), Optional.empty(), 10))
        .extracting(SupportCase::subject)
        .containsExactly("Two");
    assertThat(cases.list(ACME, EnumSet.allOf(CaseStatus.class), Optional.of("bob"), 10))
        .extracting(SupportCase::subject)
        .containsExactly("One");
    assertThat(cases.list(ACME, EnumSet.allOf(CaseStatus.class), Optional.empty(), 1)).hasSize(1);
  }

  @Test
  void people_are_saved_updated_and_found_by_name() {
    people.save(
        new Person(
            ACME,
            "U1",
            "Dana Scully",
            ZoneId.of("America/New_York"),
            Optional.of(WorkingHours.parse("mon-fri 08:00-16:00"))));
    people.save(new Person(ACME, "U1", "Dana", ZoneId.of("Europe/Berlin")));
    Person dana = people.find(ACME, "U1").orElseThrow();
    assertThat(dana.displayName()).isEqualTo("Dana");
    assertThat(dana.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(people.findByName(ACME, "dana")).contains(dana);
    assertThat(people.find(GLOBEX, "U1")).isEmpty();
  }

  @Test
  void reminders_change_only_from_the_state_they_were_read_in() {
    Reminder r =
        tx.inTransaction(
            () ->
                reminders.insert(
                    Reminder.create(
                        ACME,
                        tenants.nextReminderNumber(ACME),
                        "U1",
                        "U1",
                        Optional.empty(),
                        ReminderKind.FOLLOW_UP,
                        Optional.of("call"),
                        T0.plusSeconds(60),
                        T0)));
    assertThat(reminders.update(r.delivered(T0), ReminderStatus.PENDING, 1)).isTrue();
    assertThat(reminders.update(r.delivered(T0), ReminderStatus.PENDING, 1)).isFalse();
    Reminder delivered = reminders.findById(r.id()).orElseThrow();
    assertThat(delivered.status()).isEqualTo(ReminderStatus.DELIVERED);
    assertThat(
            reminders.update(
                delivered.snoozedUntil(T0.plusSeconds(600)), ReminderStatus.DELIVERED, 1))
        .isTrue();
    assertThat(reminders.findByNumber(ACME, r.number()).orElseThrow().occurrence()).isEqualTo(2);
    assertThat(reminders.findByNumber(GLOBEX, r.number())).isEmpty();
    assertThat(reminders.active(ACME, "U1", 10)).hasSize(1);
  }

  @Test
  void a_reminder_keeps_the_link_to_its_message_through_snoozes_and_completion() {
    String link = "https://slack.com/archives/C1/p1795000100000100";
    Reminder r =
        tx.inTransaction(
            () ->
                reminders.insert(
                    Reminder.create(
                        ACME,
                        tenants.nextReminderNumber(ACME),
                        "U1",
                        "U1",
                        Optional.empty(),
                        ReminderKind.FOLLOW_UP,
                        Optional.of("look again"),
                        T0.plusSeconds(60),
                        T0,
                        Optional.of(link))));
    assertThat(reminders.findById(r.id()).orElseThrow().link()).contains(link);
    Reminder snoozed = r.snoozedUntil(T0.plusSeconds(600));
    assertThat(reminders.update(snoozed, ReminderStatus.PENDING, 1)).isTrue();
    Reminder done = snoozed.completed(ReminderStatus.DONE, T0);
    assertThat(reminders.update(done, ReminderStatus.PENDING, 2)).isTrue();
    assertThat(reminders.findByNumber(ACME, r.number()).orElseThrow().link()).contains(link);
    assertThat(dueReminder(ACME, "U2", T0).link()).isEmpty();
  }

  @Test
  void a_channel_reminder_keeps_its_channel_through_snoozes_and_completion() {
    ReminderChannel ops = new ReminderChannel("C0OPS", "#ops");
    Reminder r =
        tx.inTransaction(
            () ->
                reminders.insert(
                    Reminder.create(
                            ACME,
                            tenants.nextReminderNumber(ACME),
                            "U1",
                            "U1",
                            Optional.empty(),
                            ReminderKind.FOLLOW_UP,
                            Optional.of("check the unclaimed queue"),
                            T0.plusSeconds(60),
                            T0)
                        .inChannel(ops)));
    assertThat(reminders.findById(r.id()).orElseThrow().channel()).contains(ops);
    Reminder snoozed = r.snoozedUntil(T0.plusSeconds(600));
    assertThat(reminders.update(snoozed, ReminderStatus.PENDING, 1)).isTrue();
    Reminder done = snoozed.completed(ReminderStatus.DONE, T0);
    assertThat(reminders.update(done, ReminderStatus.PENDING, 2)).isTrue();
    assertThat(reminders.findByNumber(ACME, r.number()).orElseThrow().channel()).contains(ops);
    assertThat(dueReminder(ACME, "U2", T0).channel()).isEmpty();
  }

  private Reminder dueReminder(TenantId tenant, String recipient, Instant due) {
    return tx.inTransaction(
        () ->
            reminders.insert(
                Reminder.create(
                    tenant,
                    tenants.nextReminderNumber(tenant),
                    recipient,
                    recipient,
                    Optional.empty(),
                    ReminderKind.FOLLOW_UP,
                    Optional.empty(),
                    due,
                    T0)));
  }

  private List<Long> takeDue(Instant before, Set<Platform> platforms, int limit) {
    return tx.inTransaction(
        () -> reminders.takeDue(before, platforms, limit).stream().map(Reminder::id).toList());
  }

  @Test
  void due_reminders_are_taken_only_for_the_platforms_asked_for() {
    Reminder slack = dueReminder(ACME, "U1", T0);
    Reminder teams = dueReminder(GLOBEX, "U2", T0);
    assertThat(takeDue(T0, Set.of(Platform.SLACK), 10)).containsExactly(slack.id());
    assertThat(takeDue(T0, Set.of(Platform.SLACK, Platform.TEAMS), 10))
        .containsExactlyInAnyOrder(slack.id(), teams.id());
    assertThat(takeDue(T0.minusSeconds(1), Set.of(Platform.SLACK), 10)).isEmpty();
    assertThat(takeDue(T0, Set.of(), 10)).isEmpty();
  }

  @Test
  void a_queued_message_keeps_the_thread_it_replies_in_and_whether_the_channel_sees_it() {
    Destination inThread = new Destination.Channel(ACME, "C1", Optional.of("1700.0001"), true);
    long threaded =
        outbox.enqueue(
            OutboxEntry.message(
                DedupeKey.of("thread-test"), inThread, Message.text("hi"), Optional.empty(), T0));
    long plain =
        outbox.enqueue(
            OutboxEntry.message(
                DedupeKey.of("plain-test"),
                new Destination.Channel(ACME, "C1"),
                Message.text("hi"),
                Optional.empty(),
                T0));

    assertThat(((OutboxEntry.PostMessage) outbox.find(threaded).orElseThrow().payload()).to())
        .isEqualTo(inThread);
    assertThat(((OutboxEntry.PostMessage) outbox.find(plain).orElseThrow().payload()).to())
        .isEqualTo(new Destination.Channel(ACME, "C1"));
  }

  @Test
  void a_due_reminder_is_taken_longest_due_first_until_its_occurrence_is_queued() {
    Reminder a = dueReminder(ACME, "U1", T0.minusSeconds(20));
    Reminder b = dueReminder(ACME, "U1", T0.minusSeconds(30));
    Reminder c = dueReminder(ACME, "U2", T0);
    Set<Platform> slack = Set.of(Platform.SLACK);
    assertThat(takeDue(T0, slack, 2)).containsExactly(b.id(), a.id());
    assertThat(takeDue(T0, slack, 10)).containsExactly(b.id(), a.id(), c.id());
    assertThat(takeDue(T0, slack, 0)).isEmpty();
    assertThat(tx.inTransaction(() -> reminders.takeIfDue(c.id(), T0))).isPresent();
    assertThat(tx.inTransaction(() -> reminders.takeIfDue(c.id(), T0.minusSeconds(1)))).isEmpty();

    outbox.enqueue(
        OutboxEntry.reminder(
            new Destination.Direct(new UserRef(ACME, "U1")),
            Message.text("stretch"),
            a.id(),
            a.occurrence(),
            Optional.empty(),
            T0));
    assertThat(takeDue(T0, slack, 10)).containsExactly(b.id(), c.id());

    // Snoozed, it is a new occurrence, and due again; snoozed into the future, it is not due.
    Reminder snoozed = a.snoozedUntil(T0.minusSeconds(1));
    assertThat(reminders.update(snoozed, ReminderStatus.PENDING, a.occurrence())).isTrue();
    assertThat(takeDue(T0, slack, 10)).containsExactly(b.id(), a.id(), c.id());
    Reminder later = snoozed.snoozedUntil(T0.plusSeconds(60));
    assertThat(reminders.update(later, ReminderStatus.PENDING, snoozed.occurrence())).isTrue();
    assertThat(takeDue(T0, slack, 10)).containsExactly(b.id(), c.id());
    // Finished reminders are never taken.
    Reminder done = b.completed(ReminderStatus.DONE, T0);
    assertThat(reminders.update(done, ReminderStatus.PENDING, b.occurrence())).isTrue();
    assertThat(takeDue(T0, slack, 10)).containsExactly(c.id());
  }

  /** What a transaction returned, and what was found while it still held its rows. */
  private record Held<T>(T first, T meanwhile) {}

  /**
   * Runs {@code hold} in a transaction on another thread and, while that transaction is still open
   * and holds whatever {@code hold} locked, runs {@code meanwhile} here.
   */
  private <T> Held<T> whileHeld(Callable<T> hold, Callable<T> meanwhile) throws Exception {
    java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch looked = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<T> first =
          pool.submit(
              () ->
                  tx.inTransaction(
                      () -> {
                        try {
                          T result = hold.call();
                          holding.countDown();
                          looked.await(); // keeps the rows until the other side has looked
                          return result;
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        } finally {
                          holding.countDown();
                        }
                      }));
      holding.await();
      T found;
      try {
        found = meanwhile.call();
      } finally {
        looked.countDown();
      }
      return new Held<>(first.get(), found);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void reminders_one_transaction_holds_are_skipped_by_another() throws Exception {
    Reminder a = dueReminder(ACME, "U1", T0.minusSeconds(3));
    Reminder b = dueReminder(ACME, "U1", T0.minusSeconds(2));
    Reminder c = dueReminder(ACME, "U1", T0.minusSeconds(1));
    Held<List<Long>> held =
        whileHeld(
            () ->
                reminders.takeDue(T0, Set.of(Platform.SLACK), 2).stream()
                    .map(Reminder::id)
                    .toList(),
            () -> takeDue(T0, Set.of(Platform.SLACK), 10));
    List<Long> second = held.meanwhile();
    assertThat(held.first()).containsExactly(a.id(), b.id());
    assertThat(second).containsExactly(c.id());
    // Once that transaction is over, its rows can be taken again.
    assertThat(takeDue(T0, Set.of(Platform.SLACK), 10)).containsExactly(a.id(), b.id(), c.id());
  }

  @Test
  void entries_another_transaction_is_claiming_are_skipped_not_waited_for() throws Exception {
    Destination ann = new Destination.Direct(new UserRef(ACME, "U1"));
    long a =
        outbox.enqueue(
            OutboxEntry.message(DedupeKey.of("c1"), ann, Message.text("a"), Optional.empty(), T0));
    long b =
        outbox.enqueue(
            OutboxEntry.message(DedupeKey.of("c2"), ann, Message.text("b"), Optional.empty(), T0));
    long c =
        outbox.enqueue(
            OutboxEntry.message(DedupeKey.of("c3"), ann, Message.text("c"), Optional.empty(), T0));
    Held<List<Long>> held =
        whileHeld(
            () -> outbox.claimAll(List.of(a, b), "n1", T0),
            () -> tx.inTransaction(() -> outbox.claimAll(List.of(a, b, c), "n2", T0)));
    List<Long> second = held.meanwhile();
    assertThat(held.first()).containsExactly(a, b);
    assertThat(second).containsExactly(c);
    assertThat(outbox.find(a).orElseThrow().state().status()).isEqualTo(OutboxEntry.State.SENDING);
    assertThat(outbox.find(a).orElseThrow().state().claimedBy()).contains("n1");
    assertThat(outbox.find(c).orElseThrow().state().attempts()).isEqualTo(1);
    // Claimed, they are not claimed again; not due yet, they are not claimed at all.
    assertThat(tx.inTransaction(() -> outbox.claimAll(List.of(a, b, c), "n3", T0))).isEmpty();
    long d =
        outbox.enqueue(
            OutboxEntry.message(
                DedupeKey.of("c4"), ann, Message.text("d"), Optional.empty(), T0.plusSeconds(5)));
    assertThat(tx.inTransaction(() -> outbox.claimAll(List.of(d), "n3", T0))).isEmpty();
  }

  @Test
  void outbox_entries_are_found_together_in_id_order() {
    Destination ann = new Destination.Direct(new UserRef(ACME, "U1"));
    long first =
        outbox.enqueue(
            OutboxEntry.message(DedupeKey.of("k1"), ann, Message.text("a"), Optional.empty(), T0));
    long second =
        outbox.enqueue(
            OutboxEntry.message(DedupeKey.of("k0"), ann, Message.text("b"), Optional.empty(), T0));
    assertThat(outbox.findAll(List.of(second, 424242L, first)))
        .extracting(OutboxEntry::key)
        .containsExactly(DedupeKey.of("k1"), DedupeKey.of("k0"));
    assertThat(outbox.findAll(List.of())).isEmpty();
  }

  @Test
  void the_outbox_queues_a_key_once_and_lets_one_sender_claim_it() throws Exception {
    Message message =
        Message.builder("hi")
            .section("hi")
            .actions(
                List.of(
                    Button.primary("Done", "done 1"),
                    Button.link("Open message", "https://slack.com/archives/C1/p1")))
            .build();
    OutboxEntry draft =
        OutboxEntry.message(
            DedupeKey.of("k1"),
            new Destination.Direct(new UserRef(ACME, "U1")),
            message,
            Optional.empty(),
            T0);
    long id = outbox.enqueue(draft);
    assertThat(outbox.enqueue(draft)).isEqualTo(id);
    OutboxEntry stored = outbox.find(id).orElseThrow();
    assertThat(((OutboxEntry.PostMessage) stored.payload()).message()).isEqualTo(message);
    assertThat(((OutboxEntry.PostMessage) stored.payload()).to())
        .isEqualTo(new Destination.Direct(new UserRef(ACME, "U1")));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String node = "n" + i;
      claims.add(() -> tx.inTransaction(() -> outbox.claim(id, node, T0)));
    }
    int winners = 0;
    for (Future<Boolean> f : pool.invokeAll(claims)) {
      winners += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(winners).isEqualTo(1);
    assertThat(outbox.due(T0, Set.of(Platform.SLACK), 10)).isEmpty();
    assertThat(outbox.stuck(T0.plusSeconds(1), Optional.empty(), 10)).containsExactly(id);
    String winner = outbox.find(id).orElseThrow().state().claimedBy().orElseThrow();
    assertThat(outbox.claimers(T0.plusSeconds(1)))
        .as("who holds the claim")
        .containsExactly(winner);
    assertThat(outbox.claimers(T0)).as("only claims made before the time given").isEmpty();
    assertThat(outbox.stuck(T0.plusSeconds(1), Optional.of(winner), 10)).containsExactly(id);
    assertThat(outbox.stuck(T0.plusSeconds(1), Optional.of("someone-else"), 10)).isEmpty();
    outbox.markSent(id, Optional.of(new MessageRef("D1", "1.2")), T0);
    assertThat(outbox.find(id).orElseThrow().state().status()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(outbox.stuck(T0.plusSeconds(1), Optional.empty(), 10)).isEmpty();
    assertThat(outbox.claimers(T0.plusSeconds(1))).as("a finished claim holds nothing").isEmpty();
  }

  @Test
  void concurrent_enqueues_of_one_key_in_open_transactions_end_with_one_entry() throws Exception {
    OutboxEntry draft = OutboxEntry.caseCard(ACME, 77, T0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Long>> work = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      work.add(() -> tx.inTransaction(() -> outbox.enqueue(draft)));
    }
    Set<Long> ids = new java.util.HashSet<>();
    for (Future<Long> f : pool.invokeAll(work)) {
      ids.add(f.get());
    }
    pool.shutdown();
    assertThat(ids).hasSize(1);
  }

  @Test
  void a_failed_attempt_goes_back_to_pending_until_its_next_time() {
    long id = outbox.enqueue(OutboxEntry.caseCard(ACME, 1, T0));
    assertThat(outbox.claim(id, "n", T0)).isTrue();
    outbox.retryAt(id, T0.plusSeconds(30), "HTTP 429");
    assertThat(outbox.claim(id, "n", T0.plusSeconds(29))).isFalse();
    assertThat(outbox.due(T0.plusSeconds(30), Set.of(Platform.SLACK), 10)).containsExactly(id);
    OutboxEntry e = outbox.find(id).orElseThrow();
    assertThat(e.state().attempts()).isEqualTo(1);
    assertThat(e.state().lastError()).contains("HTTP 429");
    assertThat(outbox.claim(id, "n", T0.plusSeconds(30))).isTrue();
    outbox.markFailed(id, "channel_not_found", T0);
    assertThat(outbox.find(id).orElseThrow().state().status()).isEqualTo(OutboxEntry.State.FAILED);
  }

  @Test
  void a_postponed_entry_keeps_its_slot_and_its_attempt_count() {
    long id = outbox.enqueue(OutboxEntry.caseCard(ACME, 1, T0));
    assertThat(outbox.claim(id, "n", T0)).isTrue();
    outbox.postpone(id, T0.plusSeconds(2));
    OutboxEntry e = outbox.find(id).orElseThrow();
    assertThat(e.state().status()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(e.state().attempts()).isZero();
    assertThat(e.state().slotAt()).contains(T0.plusSeconds(2));
    assertThat(outbox.claim(id, "n", T0.plusSeconds(1))).isFalse();
    assertThat(outbox.claim(id, "n", T0.plusSeconds(2))).isTrue();
    outbox.retryAt(id, T0.plusSeconds(5), "HTTP 500");
    assertThat(outbox.find(id).orElseThrow().state().slotAt()).isEmpty();
  }

  @Test
  void an_event_is_new_once_even_when_many_record_it_at_the_same_moment() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Boolean>> work = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      work.add(() -> seenEvents.firstTime("slack/T1/Ev01", T0));
    }
    int firsts = 0;
    for (Future<Boolean> f : pool.invokeAll(work)) {
      firsts += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(firsts).isEqualTo(1);
    assertThat(seenEvents.firstTime("slack/T1/Ev02", T0.plusSeconds(60))).isTrue();
    assertThat(seenEvents.forgetBefore(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(seenEvents.firstTime("slack/T1/Ev01", T0.plusSeconds(90))).isTrue();
    assertThat(seenEvents.firstTime("slack/T1/Ev02", T0.plusSeconds(90))).isFalse();
  }

  @Test
  void pacing_hands_out_one_slot_per_spacing_like_tickets() throws Exception {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Instant>> work = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      work.add(() -> pacing.slot("slack:T1|channel:C1", second, T0, Optional.empty()));
    }
    List<Instant> slots = new ArrayList<>();
    for (Future<Instant> f : pool.invokeAll(work)) {
      slots.add(f.get());
    }
    pool.shutdown();
    assertThat(slots)
        .containsExactlyInAnyOrder(
            T0,
            T0.plusSeconds(1),
            T0.plusSeconds(2),
            T0.plusSeconds(3),
            T0.plusSeconds(4),
            T0.plusSeconds(5));
    // A sender whose slot has come goes without taking another one.
    assertThat(
            pacing.slot(
                "slack:T1|channel:C1", second, T0.plusSeconds(3), Optional.of(T0.plusSeconds(3))))
        .isEqualTo(T0.plusSeconds(3));
    // Other conversations are not affected.
    assertThat(pacing.slot("slack:T1|channel:C2", second, T0, Optional.empty())).isEqualTo(T0);
  }

  @Test
  void slots_can_be_taken_inside_a_transaction_including_a_conversations_first() {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    List<Instant> slots =
        tx.inTransaction(
            () ->
                List.of(
                    pacing.slot("slack:T1|user:U7", second, T0, Optional.empty()),
                    pacing.slot("slack:T1|user:U7", second, T0, Optional.empty()),
                    pacing.slot("slack:T1|user:U8", second, T0, Optional.empty())));
    assertThat(slots).containsExactly(T0, T0.plusSeconds(1), T0);
    assertThat(pacing.slot("slack:T1|user:U7", second, T0, Optional.empty()))
        .isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void a_post_that_went_out_late_keeps_the_next_one_nearly_a_spacing_away() {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    String c = "slack:T1|user:U5";
    assertThat(pacing.slot(c, second, T0, Optional.empty())).isEqualTo(T0);
    Instant reserved = pacing.slot(c, second, T0, Optional.empty());
    assertThat(reserved).isEqualTo(T0.plusSeconds(1));

    pacing.sent(c, T0.plusMillis(30)); // a little late: the next slot stands
    assertThat(pacing.slot(c, second, reserved, Optional.of(reserved))).isEqualTo(reserved);

    String d = "slack:T1|user:U6";
    assertThat(pacing.slot(d, second, T0, Optional.empty())).isEqualTo(T0);
    assertThat(pacing.slot(d, second, T0, Optional.empty())).isEqualTo(reserved);
    pacing.sent(d, T0.plusMillis(600)); // much later: the next waits for 950 ms after it
    pacing.sent(d, T0.plusMillis(100)); // an older report changes nothing
    assertThat(pacing.slot(d, second, reserved, Optional.of(reserved)))
        .isEqualTo(T0.plusMillis(1550));
    // and a newcomer goes a spacing after that one
    assertThat(pacing.slot(d, second, reserved, Optional.empty())).isEqualTo(T0.plusMillis(2550));
  }

  @Test
  void of_two_senders_whose_reserved_slots_have_both_passed_only_one_goes_now() {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    String c = "slack:T1|user:U4";
    assertThat(pacing.slot(c, second, T0, Optional.empty())).isEqualTo(T0);
    Instant first = pacing.slot(c, second, T0, Optional.empty());
    Instant next = pacing.slot(c, second, T0, Optional.empty());
    assertThat(next).isEqualTo(T0.plusSeconds(2));

    Instant backlog = T0.plusSeconds(5); // both slots passed while the senders were held up
    assertThat(pacing.slot(c, second, backlog, Optional.of(first))).isEqualTo(backlog);
    assertThat(pacing.slot(c, second, backlog, Optional.of(next)))
        .isEqualTo(backlog.plusMillis(950));
  }

  @Test
  void a_hold_delays_every_sender_of_the_conversation_even_those_with_a_slot() {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    String c = "slack:T1|user:U1";
    assertThat(pacing.slot(c, second, T0, Optional.empty())).isEqualTo(T0);
    Instant reserved = pacing.slot(c, second, T0, Optional.empty());
    assertThat(reserved).isEqualTo(T0.plusSeconds(1));
    pacing.holdUntil(c, T0.plusSeconds(30));
    pacing.holdUntil(c, T0.plusSeconds(10)); // an earlier pause never shortens a later one
    assertThat(pacing.slot(c, second, T0.plusSeconds(1), Optional.of(reserved)))
        .isEqualTo(T0.plusSeconds(30));
    assertThat(pacing.slot(c, second, T0.plusSeconds(2), Optional.empty()))
        .isEqualTo(T0.plusSeconds(31));
    pacing.holdUntil("slack:T1|user:U9", T0.plusSeconds(5));
    assertThat(pacing.slot("slack:T1|user:U9", second, T0, Optional.empty()))
        .isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void addresses_are_saved_replaced_and_scoped_by_tenant() {
    addresses.save(ACME, "user:U1", "{\"ref\":1}");
    addresses.save(ACME, "user:U1", "{\"ref\":2}");
    assertThat(addresses.find(ACME, "user:U1")).contains("{\"ref\":2}");
    assertThat(addresses.find(GLOBEX, "user:U1")).isEmpty();
    assertThat(addresses.find(ACME, "user:U2")).isEmpty();
  }

  private CaseEvent event(SupportCase c, CaseAction action, Instant at) {
    return new CaseEvent(
        c.id(),
        at,
        "ann",
        action,
        Optional.of(c.status()),
        c.status(),
        c.ownerId(),
        c.ownerId(),
        Optional.empty());
  }

  @Test
  void a_history_entry_moves_the_cases_last_change_and_keeps_its_way_in() {
    SupportCase c = newCase(ACME, "Refund");
    assertThat(cases.updatedAt(ACME, c.id())).contains(T0);
    Instant later = T0.plusSeconds(90);
    cases.append(ACME, event(c, CaseAction.UPDATED, later).via(Optional.of("API")));
    assertThat(cases.updatedAt(ACME, c.id())).contains(later);
    assertThat(cases.updatedAt(GLOBEX, c.id())).isEmpty();
    assertThat(cases.history(ACME, c.id()).get(0).via()).contains("API");
  }

  @Test
  void a_search_pages_by_number_and_filters_by_state_owner_channel_and_last_change() {
    SupportCase one = newCase(ACME, "One");
    SupportCase two = newCase(ACME, "Two");
    newCase(ACME, "Three");
    newCase(GLOBEX, "Theirs");
    SupportCase claimed = ((Transition.Applied) two.claim("bob", T0)).after();
    assertThat(cases.update(claimed)).isTrue();
    cases.append(ACME, event(claimed, CaseAction.CLAIMED, T0.plusSeconds(60)));
    Set<CaseStatus> all = EnumSet.allOf(CaseStatus.class);

    var firstPage =
        cases.search(
            ACME,
            new CaseSearch(
                all, Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), 0, 2));
    assertThat(firstPage).extracting(l -> l.supportCase().subject()).containsExactly("One", "Two");
    var secondPage =
        cases.search(
            ACME,
            new CaseSearch(
                all, Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), 2, 2));
    assertThat(secondPage).extracting(l -> l.supportCase().subject()).containsExactly("Three");
    assertThat(
            cases.search(
                ACME,
                new CaseSearch(
                    Set.of(CaseStatus.CLAIMED),
                    Optional.of("bob"),
                    Optional.empty(),
                    Set.of(),
                    Optional.empty(),
                    0,
                    10)))
        .extracting(l -> l.supportCase().id())
        .containsExactly(two.id());
    var changed =
        cases.search(
            ACME,
            new CaseSearch(
                all,
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Optional.of(T0.plusSeconds(30)),
                0,
                10));
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(
            cases.search(
                ACME,
                new CaseSearch(
                    all,
                    Optional.empty(),
                    Optional.of(Set.of("C2")),
                    Set.of(),
                    Optional.empty(),
                    0,
                    10)))
        .isEmpty();
    assertThat(
            cases.search(
                ACME,
                new CaseSearch(
                    all,
                    Optional.empty(),
                    Optional.empty(),
                    Set.of("C1"),
                    Optional.empty(),
                    0,
                    10)))
        .isEmpty();
    assertThat(one.number()).isEqualTo(1);
    assertThat(cases.countByStatus(CaseStatus.UNCLAIMED)).isEqualTo(3);
    assertThat(cases.countByStatus(CaseStatus.CLAIMED)).isEqualTo(1);
  }

  private WebhookEntry webhookDraft(SupportCase c, String target, String key) {
    return WebhookEntry.draft(
        c.tenant(),
        target,
        "https://hooks.example.com/" + target,
        "evt_" + key,
        key,
        "case.created",
        c.id(),
        c.number(),
        "{\"key\":\"" + key + "\"}",
        T0);
  }

  @Test
  void webhook_events_of_one_case_and_url_go_out_one_at_a_time_in_order() {
    SupportCase c = newCase(ACME, "Refund");
    SupportCase other = newCase(ACME, "Other");
    assertThat(webhooks.enqueue(webhookDraft(c, "wh_a", "k1"))).isTrue();
    assertThat(webhooks.enqueue(webhookDraft(c, "wh_a", "k1"))).isFalse();
    assertThat(webhooks.enqueue(webhookDraft(c, "wh_a", "k2"))).isTrue();
    assertThat(webhooks.enqueue(webhookDraft(c, "wh_b", "k1"))).isTrue();
    assertThat(webhooks.enqueue(webhookDraft(other, "wh_a", "k3"))).isTrue();
    List<Long> due = webhooks.due(T0, 10);
    assertThat(due).hasSize(3);
    long first = due.get(0);
    long second =
        webhooks.list(ACME, Optional.of(c.id()), Optional.empty(), Long.MAX_VALUE, 10).stream()
            .filter(e -> e.eventKey().equals("k2"))
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(webhooks.claim(second, "node", T0)).as("waits behind k1").isFalse();
    assertThat(webhooks.claim(first, "node", T0)).isTrue();
    assertThat(webhooks.claim(first, "node", T0)).as("claimed once").isFalse();
    assertThat(webhooks.claim(second, "node", T0)).as("k1 is still on its way").isFalse();
    webhooks.retryAt(first, T0.plusSeconds(5), Optional.of(500), "HTTP 500");
    assertThat(webhooks.due(T0, 10)).doesNotContain(first, second);
    assertThat(webhooks.claim(first, "node", T0.plusSeconds(5))).isTrue();
    webhooks.markDelivered(first, 204, T0.plusSeconds(6));
    assertThat(webhooks.nextFor("wh_a", c.id())).contains(second);
    assertThat(webhooks.claim(second, "node", T0.plusSeconds(6))).isTrue();
    WebhookEntry stored = webhooks.find(first).orElseThrow();
    assertThat(stored.state()).isEqualTo(WebhookEntry.State.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(stored.lastStatus()).contains(204);
    assertThat(webhooks.stuck(T0.plusSeconds(7), Optional.empty(), 10)).containsExactly(second);
    assertThat(webhooks.stuck(T0.plusSeconds(7), Optional.of("node"), 10)).containsExactly(second);
    assertThat(webhooks.stuck(T0.plusSeconds(7), Optional.of("other"), 10)).isEmpty();
    assertThat(webhooks.claimers(T0.plusSeconds(7))).containsExactly("node");
    assertThat(webhooks.claimers(T0.plusSeconds(6))).as("claimed at 6 s, not before").isEmpty();
    webhooks.release(second, T0.plusSeconds(7), "sender stopped");
    assertThat(webhooks.find(second).orElseThrow().state()).isEqualTo(WebhookEntry.State.PENDING);
    assertThat(webhooks.list(GLOBEX, Optional.empty(), Optional.empty(), Long.MAX_VALUE, 10))
        .isEmpty();
    assertThat(
            webhooks.list(
                ACME,
                Optional.empty(),
                Optional.of(WebhookEntry.State.DELIVERED),
                Long.MAX_VALUE,
                10))
        .extracting(WebhookEntry::id)
        .containsExactly(first);
  }

  @Test
  void a_webhook_event_of_no_case_is_stored_without_one_and_waits_for_no_other() {
    SupportCase c = newCase(ACME, "Refund");
    assertThat(webhooks.enqueue(webhookDraft(c, "wh_a", "k1"))).isTrue();
    WebhookEntry draft =
        WebhookEntry.draft(
            ACME,
            "wh_a",
            "https://hooks.example.com/wh_a",
            "evt_r1",
            "reminder:7:1:set",
            "reminder.set",
            Optional.empty(),
            Optional.empty(),
            "{\"reminder\":{\"number\":1}}",
            T0);
    assertThat(webhooks.enqueue(draft)).isTrue();
    assertThat(webhooks.enqueue(draft)).as("the same event once").isFalse();
    assertThat(
            webhooks.enqueue(
                WebhookEntry.draft(
                    ACME,
                    "wh_a",
                    "https://hooks.example.com/wh_a",
                    "evt_r2",
                    "reminder:7:1:done",
                    "reminder.done",
                    Optional.empty(),
                    Optional.empty(),
                    "{}",
                    T0)))
        .isTrue();
    List<WebhookEntry> listed =
        webhooks.list(ACME, Optional.empty(), Optional.empty(), Long.MAX_VALUE, 10);
    assertThat(listed).hasSize(3);
    WebhookEntry set =
        listed.stream()
            .filter(e -> e.eventKey().equals("reminder:7:1:set"))
            .findFirst()
            .orElseThrow();
    WebhookEntry stored = webhooks.find(set.id()).orElseThrow();
    assertThat(stored.caseId()).isEmpty();
    assertThat(stored.caseNumber()).isEmpty();
    assertThat(stored.eventType()).isEqualTo("reminder.set");
    assertThat(stored.payload()).isEqualTo("{\"reminder\":{\"number\":1}}");
    assertThat(stored.state()).isEqualTo(WebhookEntry.State.PENDING);
    assertThat(webhooks.find(listed.get(2).id()).orElseThrow().caseId()).contains(c.id());
    assertThat(webhooks.find(listed.get(2).id()).orElseThrow().caseNumber()).contains(c.number());
    assertThat(webhooks.list(ACME, Optional.of(c.id()), Optional.empty(), Long.MAX_VALUE, 10))
        .extracting(WebhookEntry::eventKey)
        .containsExactly("k1");
    assertThat(webhooks.due(T0, 10)).as("every entry is first in line").hasSize(3);
    assertThat(webhooks.claim(set.id(), "node", T0)).isTrue();
    assertThat(webhooks.due(T0, 10)).as("an event of no case holds up no other").hasSize(2);
    webhooks.markDelivered(set.id(), 200, T0.plusSeconds(1));
    assertThat(webhooks.find(set.id()).orElseThrow().state())
        .isEqualTo(WebhookEntry.State.DELIVERED);
  }

  @Test
  void an_sla_state_moves_once_from_what_was_seen() {
    SupportCase c = newCase(ACME, "Refund");
    SlaStates.Seen first =
        new SlaStates.Seen(c.id(), SlaMetric.FIRST_RESPONSE, T0, SlaState.RUNNING, 1);
    assertThat(slaStates.insert(ACME, first, T0)).isTrue();
    assertThat(slaStates.insert(ACME, first, T0)).isFalse();
    assertThat(slaStates.move(first, T0, SlaState.DUE_SOON, T0)).isTrue();
    assertThat(slaStates.move(first, T0, SlaState.BREACHED, T0)).as("a stale read loses").isFalse();
    assertThat(slaStates.forCase(c.id()))
        .containsExactly(
            new SlaStates.Seen(c.id(), SlaMetric.FIRST_RESPONSE, T0, SlaState.DUE_SOON, 2));
  }
}
