package io.chargeledger.projections.charger;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConnectorViewRepository extends JpaRepository<ConnectorView, ConnectorView.Key> {

    List<ConnectorView> findByChargePointIdOrderByConnectorId(String chargePointId);

    List<ConnectorView> findByActiveSessionId(String activeSessionId);

    List<ConnectorView> findByChargePointIdInOrderByChargePointIdAscConnectorIdAsc(List<String> chargePointIds);
}
