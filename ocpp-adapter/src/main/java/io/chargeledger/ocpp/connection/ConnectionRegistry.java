package io.chargeledger.ocpp.connection;

import java.util.Collection;
import java.util.Optional;

/**
 * Which charger holds a socket where. Today one node holds all of them; a multi-node router (Axon Server
 * or PostgreSQL backed) can replace the local registry behind this interface.
 */
public interface ConnectionRegistry {

    /** Registers a new connection; returns the one it replaces, if the charger was already connected here. */
    Optional<ChargePointConnection> register(ChargePointConnection connection);

    /** Removes the connection only if it is still the current one of its charger. */
    void unregister(ChargePointConnection connection);

    Optional<ChargePointConnection> find(String chargePointId);

    Collection<ChargePointConnection> all();

    int size();
}
