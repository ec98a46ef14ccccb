-- Up Migration
-- Requests to decide are listed in the order they were submitted (an answered question keeps
-- its place): the queue's keyset pages read this index in order.
CREATE INDEX appeal_decide_queue_idx ON appeal (created_at, id) WHERE status = 'OPEN';

-- Down Migration
DROP INDEX appeal_decide_queue_idx;
