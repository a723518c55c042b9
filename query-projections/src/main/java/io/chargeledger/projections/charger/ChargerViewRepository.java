package io.chargeledger.projections.charger;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ChargerViewRepository extends JpaRepository<ChargerView, String>, JpaSpecificationExecutor<ChargerView> {

    java.util.List<ChargerView> findByConnectedTrueAndNodeId(String nodeId);
}
