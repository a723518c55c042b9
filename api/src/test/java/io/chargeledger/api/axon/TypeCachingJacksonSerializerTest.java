package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.charger.api.BootInfo;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class TypeCachingJacksonSerializerTest extends ApiIntegrationTest {

    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper mapper;

    @Test
    void axonReadsEventsMessagesTokensAndSnapshotsWithTheOneTypeCachingSerializer() {
        assertThat(serializer).isInstanceOf(TypeCachingJacksonSerializer.class);
        assertThat(eventSerializer).isSameAs(serializer);
        assertThat(messageSerializer).isSameAs(serializer);
        assertThat(axon.eventSerializer()).isSameAs(serializer);
        assertThat(axon.serializer()).isSameAs(serializer);
    }

    @Test
    void resolvesEachStoredTypeOnceAndReadsWhatAxonsSerializerReads() {
        TypeCachingJacksonSerializer caching = new TypeCachingJacksonSerializer(builder());
        JacksonSerializer axons = builder().build();
        BootInfo boot = new BootInfo("Vendor", "Model", "SN-1", null, "1.2.3", null, null, null, null);
        SerializedObject<byte[]> stored = axons.serialize(boot, byte[].class);

        assertThat(caching.classForType(stored.getType())).isEqualTo(BootInfo.class);
        // a type read again from another row: an equal name, not the same object
        assertThat(caching.classForType(new SimpleSerializedType(BootInfo.class.getName(), null))).isEqualTo(BootInfo.class);
        assertThat(caching.typesKnown()).isEqualTo(1);
        assertThat((Object) caching.deserialize(stored)).isEqualTo(boot);
        assertThat((Object) axons.deserialize(caching.serialize(boot, byte[].class))).isEqualTo(boot);
    }

    @Test
    void aTypeThatNoLongerExistsStaysUnknown() {
        TypeCachingJacksonSerializer caching = new TypeCachingJacksonSerializer(builder());
        SimpleSerializedType removed = new SimpleSerializedType("io.chargeledger.RemovedEvent", null);

        assertThat(caching.classForType(removed)).isEqualTo(UnknownSerializedType.class);
        assertThat(caching.classForType(removed)).isEqualTo(UnknownSerializedType.class);
        assertThat(caching.typesKnown()).isZero();
    }

    private JacksonSerializer.Builder builder() {
        return JacksonSerializer.builder().revisionResolver(new AnnotationRevisionResolver()).objectMapper(mapper);
    }
}
