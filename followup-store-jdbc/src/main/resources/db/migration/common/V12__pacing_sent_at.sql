-- When the last post to the conversation went out: the next one keeps the spacing from it, even
-- when that post went out later than its slot.
ALTER TABLE pacing ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
