-- A message may reply in a case's thread (and be shown in the channel too): the auto-resolve
-- question to the requester, a channel nudge about one case from a conversation.
ALTER TABLE outbox ADD COLUMN destination_thread VARCHAR(200);
ALTER TABLE outbox ADD COLUMN destination_broadcast BOOLEAN DEFAULT FALSE NOT NULL;
