-- A channel reminder (`remind #support every monday 9am …`) is posted in this channel instead of
-- to its recipient, who set it; the name is how it was typed, for confirmations and lists.
-- Null for a reminder to a person.
ALTER TABLE reminders ADD COLUMN channel_id VARCHAR(200);
ALTER TABLE reminders ADD COLUMN channel_name VARCHAR(200);
