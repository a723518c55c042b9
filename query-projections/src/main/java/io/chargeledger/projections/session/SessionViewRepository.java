package io.chargeledger.projections.session;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SessionViewRepository extends JpaRepository<SessionView, String>, JpaSpecificationExecutor<SessionView> {

    /**
     * The views with these ids. One array parameter, however many ids: the statement and its plan are the same for
     * every batch (findAllById builds a new query with one parameter per id each time).
     */
    @Query(value = "select * from session_view where session_id = any(:ids)", nativeQuery = true)
    List<SessionView> findAllByIds(@Param("ids") String[] ids);
}
