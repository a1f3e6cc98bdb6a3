package dev.followupbot.core.service;

import dev.followupbot.core.command.ChannelMention;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseThreads;
import dev.followupbot.core.port.ReminderRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reminder commands as a person types them in chat: each checks the case and the recipient
 * named, has the {@link ReminderBook} or {@link ReminderSeries} do it as the caller, and answers
 * with the {@link ReminderReplies} sentence, privately.
 */
final class ReminderChat {

  private static final int LIST_LIMIT = 25;

  /** What a reminder about a message says when its note was left empty. */
  static final String DEFAULT_NOTE = "follow up on this message";

  private final ReminderRepository reminders;
  private final CaseRepository cases;
  private final CaseThreads threads;
  private final Directory directory;
  private final Messengers messengers;
  private final ReminderBook book;
  private final ReminderSeries series;
  private final ReminderReplies replies;
  private final ChannelTeams channels;
  private final Clock clock;

  ReminderChat(
      ReminderRepository reminders,
      CaseRepository cases,
      CaseThreads threads,
      Directory directory,
      Messengers messengers,
      ReminderBook book,
      ReminderSeries series,
      ReminderReplies replies,
      ChannelTeams channels,
      Clock clock) {
    this.channels = channels;
    this.reminders = reminders;
    this.cases = cases;
    this.threads = threads;
    this.directory = directory;
    this.messengers = messengers;
    this.book = book;
    this.series = series;
    this.replies = replies;
    this.clock = clock;
  }

  Reply remind(Caller caller, Command.Remind command) {
    TenantId tenant = caller.tenant();
    Optional<SupportCase> about = Optional.empty();
    if (command.ref().isPresent()) {
      about = CaseLookup.find(cases, tenant, command.ref().get());
      if (about.isEmpty()) {
        return CaseService.notFound(command.ref().get());
      }
    }
    if (command.channel().isPresent()) {
      Optional<ReminderChannel> where = channelFor(caller, command.channel().get());
      if (where.isEmpty()) {
        return replies.channelUnknown(command.channel().get().display());
      }
      Reminder stored =
          book.set(
              tenant,
              caller.userId(),
              caller.userId(),
              about,
              command.due(),
              command.note(),
              Optional.empty(),
              where);
      ZoneId teamZone = channels.zone(tenant, where.get().id());
      return replies.setInChannel(caller, where.get(), teamZone, stored, about, clock.instant());
    }
    Person recipient = caller.asPerson();
    if (command.recipient().isPresent()) {
      Optional<Person> resolved = directory.resolve(tenant, command.recipient().get());
      if (resolved.isEmpty()) {
        return replies.unknownRecipient(command.recipient().get().display());
      }
      recipient = resolved.get();
    }
    Instant now = clock.instant();
    Reminder stored =
        book.set(tenant, caller.userId(), recipient.userId(), about, command.due(), command.note());
    UserRef recipientRef = recipient.ref();
    boolean unreachable =
        messengers.forPlatform(tenant.platform()).map(m -> !m.canReach(recipientRef)).orElse(false);
    return replies.set(caller, recipient, stored, about, unreachable, now);
  }

  /**
   * Sets a reminder for the caller about a message: linking to it, and about the case the message
   * roots or is the card of (or whose thread it is in), if it is one. A request with problems sets
   * nothing.
   */
  Reply remindAbout(Caller caller, MessageReminder request) {
    Instant now = clock.instant();
    if (!request.problems(now).isEmpty()) {
      return Reply.privately(String.join(" ", request.problems(now).values()));
    }
    TenantId tenant = caller.tenant();
    Optional<SupportCase> about =
        threads
            .caseOf(tenant, request.channelId(), request.messageId())
            .or(
                () ->
                    request.threadId().flatMap(t -> threads.caseOf(tenant, request.channelId(), t)))
            .flatMap(id -> cases.findById(tenant, id));
    Optional<String> note =
        request.note().or(() -> about.isPresent() ? Optional.empty() : Optional.of(DEFAULT_NOTE));
    Reminder stored =
        book.set(
            tenant, caller.userId(), caller.userId(), about, request.due(), note, request.link());
    Person me = caller.asPerson();
    boolean unreachable =
        messengers.forPlatform(tenant.platform()).map(m -> !m.canReach(me.ref())).orElse(false);
    return replies.set(caller, me, stored, about, unreachable, now);
  }

  /**
   * Sets a repeating reminder: a series in the recipient's zone, and its first occurrence, an
   * ordinary reminder. Each occurrence that is queued creates the next one in the same transaction.
   */
  Reply remindEvery(Caller caller, Command.RemindEvery command) {
    TenantId tenant = caller.tenant();
    Optional<SupportCase> about = Optional.empty();
    if (command.ref().isPresent()) {
      about = CaseLookup.find(cases, tenant, command.ref().get());
      if (about.isEmpty()) {
        return CaseService.notFound(command.ref().get());
      }
    }
    if (command.channel().isPresent()) {
      Optional<ReminderChannel> where = channelFor(caller, command.channel().get());
      if (where.isEmpty()) {
        return replies.channelUnknown(command.channel().get().display());
      }
      ZoneId teamZone = channels.zone(tenant, where.get().id());
      Optional<Reminder> set =
          series.set(
              tenant,
              caller.userId(),
              caller.userId(),
              about,
              command.rule(),
              command.skipHolidays(),
              command.note(),
              teamZone,
              Optional.of(where.get().id()),
              where);
      if (set.isEmpty()) {
        return replies.noDayFor(command);
      }
      return replies.seriesSetInChannel(
          caller, where.get(), teamZone, command, set.get(), about, clock.instant());
    }
    Person recipient = caller.asPerson();
    if (command.recipient().isPresent()) {
      Optional<Person> resolved = directory.resolve(tenant, command.recipient().get());
      if (resolved.isEmpty()) {
        return replies.unknownRecipient(command.recipient().get().display());
      }
      recipient = resolved.get();
    }
    Instant now = clock.instant();
    ZoneId zone = recipient.zone();
    Optional<Reminder> set =
        series.set(
            tenant,
            caller.userId(),
            recipient.userId(),
            about,
            command.rule(),
            command.skipHolidays(),
            command.note(),
            zone,
            Optional.of(caller.channelId()),
            Optional.empty());
    if (set.isEmpty()) {
      return replies.noDayFor(command);
    }
    return replies.seriesSet(caller, recipient, command, set.get(), about, now);
  }

  /**
   * The channel a reminder is posted in: the one Slack linked, or, where only a name was typed, the
   * conversation the command was typed in, unless that is a direct chat with the bot.
   */
  private Optional<ReminderChannel> channelFor(Caller caller, ChannelMention mention) {
    if (mention.channelId().isPresent()) {
      return Optional.of(new ReminderChannel(mention.channelId().get(), mention.display()));
    }
    boolean direct =
        messengers
            .forPlatform(caller.tenant().platform())
            .flatMap(m -> m.soleReader(caller.tenant(), caller.channelId()))
            .isPresent();
    if (direct || caller.channelId().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ReminderChannel(caller.channelId(), mention.display()));
  }

  Reply choose(Command.ChooseWhen command) {
    return replies.choose(command);
  }

  Reply list(Caller caller) {
    List<Reminder> active = reminders.active(caller.tenant(), caller.userId(), LIST_LIMIT + 1);
    List<ReminderReplies.Listed> shown = new ArrayList<>();
    for (Reminder r : active.subList(0, Math.min(active.size(), LIST_LIMIT))) {
      Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(caller.tenant(), id));
      shown.add(new ReminderReplies.Listed(r, about, series.repeats(r)));
    }
    return replies.list(shown, active.size(), caller.zone(), clock.instant());
  }

  Reply snooze(Caller caller, Command.Snooze command) {
    Instant now = clock.instant();
    int number = command.reminder();
    ReminderChange outcome = book.snooze(caller.tenant(), caller.userId(), number, command.until());
    return answer(caller, number, ReminderBook.Verb.SNOOZE, outcome, now);
  }

  Reply done(Caller caller, int number) {
    Instant now = clock.instant();
    ReminderChange outcome = book.done(caller.tenant(), caller.userId(), number, now);
    return answer(caller, number, ReminderBook.Verb.DONE, outcome, now);
  }

  Reply cancel(Caller caller, int number) {
    Instant now = clock.instant();
    ReminderChange outcome = book.cancel(caller.tenant(), caller.userId(), number, now);
    return answer(caller, number, ReminderBook.Verb.CANCEL, outcome, now);
  }

  private Reply answer(
      Caller caller, int number, ReminderBook.Verb verb, ReminderChange outcome, Instant now) {
    Optional<SupportCase> about = Optional.empty();
    if (outcome instanceof ReminderChange.Changed changed) {
      Reminder after = changed.after();
      about = after.caseId().flatMap(id -> cases.findById(after.tenant(), id));
    }
    return replies.outcome(caller, number, verb, outcome, about, now);
  }
}
