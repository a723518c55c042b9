package io.chargeledger.projections.charger;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ChargerViewRepository extends JpaRepository<ChargerView, String>, JpaSpecificationExecutor<ChargerView> {

    java.util.List<ChargerView> findByConnectedTrueAndNodeId(String nodeId);

    /** The views of these chargers, with one array parameter (see {@code SessionViewRepository.findAllByIds}). */
    @Query(value = "select * from charger_view where charge_point_id = any(:ids)", nativeQuery = true)
    java.util.List<ChargerView> findAllByIds(@Param("ids") String[] ids);
}
