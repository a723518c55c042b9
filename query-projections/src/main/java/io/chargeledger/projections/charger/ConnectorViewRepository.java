package io.chargeledger.projections.charger;

import jakarta.persistence.QueryHint;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface ConnectorViewRepository extends JpaRepository<ConnectorView, ConnectorView.Key> {

    List<ConnectorView> findByChargePointIdOrderByConnectorId(String chargePointId);

    /**
     * Committed rows only: it does not flush the caller's pending changes first (Hibernate would otherwise dirty-check
     * the whole batch on every call). Managed rows come back as the caller has changed them.
     */
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    List<ConnectorView> findByActiveSessionId(String activeSessionId);

    /**
     * As {@link #findByActiveSessionId}, for a batch's sessions at once. One array parameter, however many sessions:
     * the statement and its plan are the same for every batch (a derived "in" query is built anew for each list size).
     */
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    @Query(value = "select * from connector_view where active_session_id = any(:sessionIds)", nativeQuery = true)
    List<ConnectorView> findByActiveSessionIds(@Param("sessionIds") String[] activeSessionIds);

    /** The connectors of these chargers, with one array parameter (see {@link #findByActiveSessionIds}). */
    @Query(value = "select * from connector_view where charge_point_id = any(:ids) order by charge_point_id, connector_id",
            nativeQuery = true)
    List<ConnectorView> findByChargePointIds(@Param("ids") String[] chargePointIds);
}
