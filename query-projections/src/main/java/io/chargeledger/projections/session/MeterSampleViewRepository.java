package io.chargeledger.projections.session;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface MeterSampleViewRepository extends JpaRepository<MeterSampleView, MeterSampleView.Key> {

    List<MeterSampleView> findBySessionIdOrderByTimestampAscEventSequenceAscSampleIndexAsc(String sessionId);

    List<MeterSampleView> findBySessionIdAndMeasurandOrderByTimestampAscEventSequenceAscSampleIndexAsc(
            String sessionId, String measurand);

    /**
     * Empties the table, for a replay. A DELETE of the million rows of a million events took seconds and left them
     * behind as dead rows for the vacuum; the projection only ever appends here (by COPY), so no plan of its own
     * depends on the table's statistics. Transactional in PostgreSQL: a failed reset keeps the rows.
     */
    @Modifying
    @Query(value = "truncate table meter_sample", nativeQuery = true)
    void truncate();
}
