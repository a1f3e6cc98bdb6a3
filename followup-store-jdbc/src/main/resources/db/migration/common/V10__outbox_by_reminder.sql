-- Finding the due reminders whose current occurrence is not queued yet looks up the outbox by
-- reminder for each of them.
CREATE INDEX ix_outbox_reminder ON outbox (reminder_id, reminder_occurrence);
