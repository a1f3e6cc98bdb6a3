-- The message a reminder is about ("Remind me about this" on a Slack message): a link the
-- recipient opens from the reminder when it comes due. Null for reminders about no message.
ALTER TABLE reminders ADD COLUMN link VARCHAR(1000);
