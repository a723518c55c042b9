-- The read models' rows are updated many times each (a session's row at every MeterValues, a connector's at every
-- StatusNotification, a tag's at every start and stop). Filled pages force every update onto a new page, with a new
-- entry in each of the table's indexes: in a closed-loop benchmark 97 % of session_view's updates did so, and its
-- update was the PostgreSQL statement that used the most CPU. Room left on each page lets an update that changes no
-- indexed column stay on its page (a HOT update: no index entries, and the old version is pruned on the page itself,
-- without waiting for VACUUM). Applies to pages written from now on.
alter table session_view set (fillfactor = 60);
alter table connector_view set (fillfactor = 50);
alter table id_tag_view set (fillfactor = 70);
alter table charger_view set (fillfactor = 70);
