-- Up Migration
-- When a reviewer first acted on a review request (a decision or a question). The report
-- states how long reviews usually take from these: median and 90th percentile over the
-- last 30 days. Back-filled from the events that recorded each first action.
ALTER TABLE appeal ADD COLUMN first_response_at timestamptz;

UPDATE appeal a
   SET first_response_at = (
     SELECT min(e.created_at) FROM event e
      WHERE e.block_id = a.block_id
        AND e.type IN ('APPEAL_DECIDED', 'APPEAL_INFO_REQUESTED')
        AND e.data ->> 'appealReference' = a.reference);

ALTER TABLE appeal ADD CONSTRAINT appeal_first_response_after_created CHECK (first_response_at IS NULL OR first_response_at >= created_at);
CREATE INDEX appeal_first_response_idx ON appeal (first_response_at) WHERE first_response_at IS NOT NULL;

-- Down Migration
DROP INDEX appeal_first_response_idx;
ALTER TABLE appeal DROP COLUMN first_response_at;
