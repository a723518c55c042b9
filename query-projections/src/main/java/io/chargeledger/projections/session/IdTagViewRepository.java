package io.chargeledger.projections.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface IdTagViewRepository extends JpaRepository<IdTagView, String>, JpaSpecificationExecutor<IdTagView> {
}
