-- A session's samples are found by the primary key's first column (session_id) and sorted in memory: a session has
-- at most a few thousand. The second index cost one more index entry for every sample the projection writes (a
-- replay of a million events writes about a million samples) and served no query.
drop index if exists meter_sample_session_time_idx;
