package io.chargeledger.ocpp.connection;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The connections held by this node. */
public class LocalConnectionRegistry implements ConnectionRegistry {

    private final ConcurrentMap<String, ChargePointConnection> connections = new ConcurrentHashMap<>();

    @Override
    public Optional<ChargePointConnection> register(ChargePointConnection connection) {
        return Optional.ofNullable(connections.put(connection.chargePointId(), connection));
    }

    @Override
    public void unregister(ChargePointConnection connection) {
        connections.remove(connection.chargePointId(), connection);
    }

    @Override
    public Optional<ChargePointConnection> find(String chargePointId) {
        return Optional.ofNullable(connections.get(chargePointId));
    }

    @Override
    public Collection<ChargePointConnection> all() {
        return Collections.unmodifiableCollection(connections.values());
    }

    @Override
    public int size() {
        return connections.size();
    }
}
