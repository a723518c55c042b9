package io.chargeledger.projections.session;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MeterSampleViewRepository extends JpaRepository<MeterSampleView, MeterSampleView.Key> {

    List<MeterSampleView> findBySessionIdOrderByTimestampAscEventSequenceAscSampleIndexAsc(String sessionId);

    List<MeterSampleView> findBySessionIdAndMeasurandOrderByTimestampAscEventSequenceAscSampleIndexAsc(
            String sessionId, String measurand);
}
