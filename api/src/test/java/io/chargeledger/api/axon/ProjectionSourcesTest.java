package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.charger.api.ChargerSeen;
import io.chargeledger.charger.api.ConnectorStatusChanged;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.SessionStarted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** Each read model's source passes over exactly the event types its processor has no handler for. */
class ProjectionSourcesTest extends ApiIntegrationTest {

    @Autowired
    @Qualifier("chargerViewEvents")
    CatchUpBatchingSource chargerView;

    @Autowired
    @Qualifier("sessionViewEvents")
    CatchUpBatchingSource sessionView;

    @Autowired
    @Qualifier("idTagViewEvents")
    CatchUpBatchingSource idTagView;

    @Test
    void eachSourceSkipsWhatItsProcessorDoesNotHandle() {
        // the charger view: connector states, and a connector's current session (ConnectorSessionProjector)
        assertThat(chargerView.skips(ConnectorStatusChanged.class)).isFalse();
        assertThat(chargerView.skips(ChargerSeen.class)).isFalse();
        assertThat(chargerView.skips(SessionStarted.class)).isFalse();
        assertThat(chargerView.skips(MeterValuesRecorded.class)).isTrue();
        assertThat(chargerView.skips(IdTagSessionClaimed.class)).isTrue();

        assertThat(sessionView.skips(SessionStarted.class)).isFalse();
        assertThat(sessionView.skips(MeterValuesRecorded.class)).isFalse();
        assertThat(sessionView.skips(ConnectorStatusChanged.class)).isTrue();
        assertThat(sessionView.skips(IdTagSessionClaimed.class)).isTrue();

        assertThat(idTagView.skips(IdTagSessionClaimed.class)).isFalse();
        assertThat(idTagView.skips(SessionStarted.class)).isTrue();
        assertThat(idTagView.skips(MeterValuesRecorded.class)).isTrue();
    }
}
