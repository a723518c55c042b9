package io.chargeledger.projections.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface SessionViewRepository extends JpaRepository<SessionView, String>, JpaSpecificationExecutor<SessionView> {
}
