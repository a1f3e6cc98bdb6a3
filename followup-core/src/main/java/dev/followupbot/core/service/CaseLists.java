package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The {@code cases} command: a tenant's cases in one state, oldest first, as chat lines. */
final class CaseLists {

  private static final int LIST_LIMIT = 25;

  private final CaseRepository cases;
  private final Directory directory;
  private final Clock clock;

  CaseLists(CaseRepository cases, Directory directory, Clock clock) {
    this.cases = cases;
    this.directory = directory;
    this.clock = clock;
  }

  Reply list(Caller caller, Command.CaseFilter filter) {
    Set<CaseStatus> statuses;
    Optional<String> owner = Optional.empty();
    String title;
    switch (filter) {
      case MINE:
        statuses = EnumSet.of(CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);
        owner = Optional.of(caller.userId());
        title = "Your open cases";
        break;
      case UNCLAIMED:
        statuses = EnumSet.of(CaseStatus.UNCLAIMED);
        title = "Unclaimed cases";
        break;
      case RESOLVED:
        statuses = EnumSet.of(CaseStatus.RESOLVED);
        title = "Resolved cases";
        break;
      case ALL:
        statuses = EnumSet.allOf(CaseStatus.class);
        title = "All cases";
        break;
      case OPEN:
      default:
        statuses =
            EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);
        title = "Open cases";
        break;
    }
    List<SupportCase> found = cases.list(caller.tenant(), statuses, owner, LIST_LIMIT + 1);
    if (found.isEmpty()) {
      String none =
          filter == Command.CaseFilter.MINE
              ? "You have no open cases. "
              : "No " + title.toLowerCase(java.util.Locale.ROOT) + ". ";
      return Reply.privately(none + "Open one with `new <subject>`.");
    }
    Instant now = clock.instant();
    Function<String, String> names = id -> directory.name(caller.tenant(), id);
    StringBuilder lines = new StringBuilder();
    for (SupportCase c : found.subList(0, Math.min(found.size(), LIST_LIMIT))) {
      lines.append(lines.length() == 0 ? "" : "\n").append(CaseViews.line(c, names, now));
    }
    Message.Builder b =
        Message.builder(title + ": " + found.size() + (found.size() > LIST_LIMIT ? "+" : ""))
            .header(title)
            .section(lines.toString());
    if (found.size() > LIST_LIMIT) {
      b.context("Showing the oldest " + LIST_LIMIT + ".");
    }
    return Reply.privately(b.build());
  }
}
