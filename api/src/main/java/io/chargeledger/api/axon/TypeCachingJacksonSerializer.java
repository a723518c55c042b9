package io.chargeledger.api.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering the class behind each stored type name. Axon resolves the name with
 * {@code Class.forName} every time an event is read (and again when its payload is deserialized), for every event and
 * every processor that reads it: in a profile of a replay that was about a tenth of the processors' CPU. The types are
 * the application's own event, metadata and token classes, so the map stays small.
 */
final class TypeCachingJacksonSerializer extends JacksonSerializer {

    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();

    TypeCachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type);
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        // Axon keeps its own list of names it could not resolve
        if (resolved != UnknownSerializedType.class) {
            classes.put(type, resolved);
        }
        return resolved;
    }

    /** How many type names are remembered. */
    int typesKnown() {
        return classes.size();
    }
}
