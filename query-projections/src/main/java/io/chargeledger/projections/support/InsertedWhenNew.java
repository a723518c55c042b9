package io.chargeledger.projections.support;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row with an assigned key that Spring Data inserts while it is new. Without this, saving a row whose key
 * is set merges it, and a merge first SELECTs that key to find out: one more round trip for every new row.
 */
@MappedSuperclass
public abstract class InsertedWhenNew<K> implements Persistable<K> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        stored = true;
    }
}
