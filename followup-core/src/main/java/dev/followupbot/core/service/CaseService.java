package dev.followupbot.core.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseThreads;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.team.AccessPolicy;
import dev.followupbot.core.webhook.CaseJson;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opening cases and changing their hands, for chat and the REST API: a front over the {@link
 * CaseLifecycle} (which decides and persists), the {@link CaseChat} verbs (which say what happened)
 * and the {@link CaseLists}.
 */
public final class CaseService {

  private final CaseRepository cases;
  private final Directory directory;
  private final CaseCards cards;
  private final CaseLifecycle lifecycle;
  private final CaseChat chat;
  private final CaseLists lists;
  private final CaseRatings ratings;
  private final ConversationIntake conversations;

  public CaseService(
      Transactions tx,
      TenantRepository tenants,
      CaseRepository cases,
      CaseThreads threads,
      ReminderRepository reminders,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      AccessPolicy access,
      CaseCards cards,
      CaseWatch watch,
      FeedbackRepository feedback,
      WebhookEvents webhooks,
      CoreMetrics metrics,
      Clock clock) {
    this.cases = cases;
    this.directory = directory;
    this.cards = cards;
    this.lifecycle =
        new CaseLifecycle(
            tx,
            tenants,
            cases,
            threads,
            outbox,
            scheduler,
            directory,
            cards,
            watch,
            webhooks,
            metrics,
            new CaseEffects(tenants, reminders, outbox, cards, directory),
            clock);
    this.chat =
        new CaseChat(
            cases, directory, access, cards, lifecycle, new CaseRefusals(directory, clock), clock);
    this.lists = new CaseLists(cases, directory, clock);
    this.ratings =
        new CaseRatings(tx, cases, cards, watch, feedback, webhooks, lifecycle, chat, clock);
    this.conversations =
        new ConversationIntake(cases, threads, cards, lifecycle, outbox, tx, access, clock);
  }

  /** Cases from conversations: messages, replies and reactions in channels. */
  public ConversationIntake conversations() {
    return conversations;
  }

  /** Opens a case in the caller's channel and queues its card. */
  public Reply open(Caller caller, Command.NewCase command) {
    return chat.open(caller, command);
  }

  /**
   * Opens the case the draft describes or, when its helpdesk reference names an existing case of
   * the actor's workspace, updates that case instead: retrying the same request never makes a
   * second case, even when two copies race.
   */
  public OpenOutcome openOrUpdate(Actor actor, CaseDraft draft) {
    return lifecycle.openOrUpdate(actor, draft);
  }

  /**
   * Resolves the case on its own when it has waited on its silent requester, unchanged, since
   * {@code since}; the entries the resolution queued (the card, the owner's note), for sending.
   */
  public List<Long> resolveAfterSilence(TenantId tenant, long caseId, Instant since) {
    Actor bot =
        new Actor(
            tenant,
            SupportCase.BOT,
            SupportCase.BOT,
            java.time.ZoneOffset.UTC,
            true,
            Optional.empty());
    CaseOutcome outcome = lifecycle.perform(bot, caseId, new CaseChange.SilenceOver(since));
    return outcome instanceof CaseOutcome.Applied applied ? applied.deliveries() : List.of();
  }

  /** Opens a new case and queues its card; fails if its helpdesk reference is taken. */
  public OpenOutcome.Opened create(Actor actor, CaseDraft draft) {
    return lifecycle.create(actor, draft);
  }

  public Reply claim(Caller caller, CaseRef ref) {
    return chat.claim(caller, ref);
  }

  public Reply release(Caller caller, CaseRef ref) {
    return chat.release(caller, ref);
  }

  public Reply assign(Caller caller, Command.Assign command) {
    return chat.assign(caller, command);
  }

  public Reply waitOnCustomer(Caller caller, Command.Wait command) {
    return chat.waitOnCustomer(caller, command);
  }

  public Reply resume(Caller caller, CaseRef ref) {
    return chat.resume(caller, ref);
  }

  public Reply resolve(Caller caller, Command.Resolve command) {
    return chat.resolve(caller, command);
  }

  public Reply reopen(Caller caller, Command.Reopen command) {
    return chat.reopen(caller, command);
  }

  public Reply close(Caller caller, CaseRef ref) {
    return chat.close(caller, ref);
  }

  public Reply show(Caller caller, CaseRef ref) {
    return chat.show(caller, ref);
  }

  public Reply progress(Caller caller, Command.Progress command) {
    return chat.progress(caller, command);
  }

  public Reply answered(Caller caller, Command.Answered command) {
    return chat.answered(caller, command);
  }

  public Reply csat(Caller caller, Command.Csat command) {
    return ratings.csat(caller, command);
  }

  public Reply list(Caller caller, Command.CaseFilter filter) {
    return lists.list(caller, filter);
  }

  /**
   * The case as the REST API and webhooks show it ({@link CaseJson}), with its history when asked.
   */
  public ObjectNode json(SupportCase c, boolean withHistory) {
    return json(c, cases.updatedAt(c.tenant(), c.id()).orElse(c.createdAt()), withHistory);
  }

  /** A listed case, as {@link #json(SupportCase, boolean)} shows it, without history. */
  public ObjectNode json(CaseListing listed) {
    return json(listed.supportCase(), listed.updatedAt(), false);
  }

  private ObjectNode json(SupportCase c, Instant updatedAt, boolean withHistory) {
    List<CaseEvent> history = cases.history(c.tenant(), c.id());
    Function<String, String> names = nameOf(c.tenant());
    ObjectNode o = CaseJson.of(c, updatedAt, cards.teamOf(c).id(), cards.sla(c, history), names);
    if (withHistory) {
      ArrayNode entries = o.putArray("history");
      history.forEach(e -> entries.add(CaseJson.change(e, names)));
    }
    return o;
  }

  /** The case a person means (a number first, else a helpdesk reference), in their workspace. */
  public Optional<SupportCase> find(TenantId tenant, CaseRef ref) {
    return lifecycle.find(tenant, ref);
  }

  /**
   * Applies a change to the case a person named, as one transaction, and says what became of it.
   * This is the operation behind every chat command and button that changes a case.
   */
  public CaseOutcome perform(Actor actor, CaseRef ref, CaseChange change) {
    return lifecycle.perform(actor, ref, change);
  }

  /** Applies a change to a case known by its id, in the actor's workspace (the REST API's way). */
  public CaseOutcome perform(Actor actor, long caseId, CaseChange change) {
    return lifecycle.perform(actor, caseId, change);
  }

  Function<String, String> nameOf(TenantId tenant) {
    return id -> directory.name(tenant, id);
  }

  static Reply notFound(CaseRef ref) {
    return CaseRefusals.notFound(ref);
  }
}
