package io.chargeledger.projections.charger;

import jakarta.persistence.QueryHint;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.QueryHints;

public interface ConnectorViewRepository extends JpaRepository<ConnectorView, ConnectorView.Key> {

    List<ConnectorView> findByChargePointIdOrderByConnectorId(String chargePointId);

    /**
     * Committed rows only: it does not flush the caller's pending changes first (Hibernate would otherwise dirty-check
     * the whole batch on every call). Managed rows come back as the caller has changed them.
     */
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    List<ConnectorView> findByActiveSessionId(String activeSessionId);

    /** As {@link #findByActiveSessionId}, for a batch's sessions at once. */
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    List<ConnectorView> findByActiveSessionIdIn(List<String> activeSessionIds);

    List<ConnectorView> findByChargePointIdInOrderByChargePointIdAscConnectorIdAsc(List<String> chargePointIds);
}
