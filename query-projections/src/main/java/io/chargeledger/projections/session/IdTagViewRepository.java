package io.chargeledger.projections.session;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IdTagViewRepository extends JpaRepository<IdTagView, String>, JpaSpecificationExecutor<IdTagView> {

    /** The views of these tags, with one array parameter (see {@link SessionViewRepository#findAllByIds}). */
    @Query(value = "select * from id_tag_view where id_tag = any(:tags)", nativeQuery = true)
    List<IdTagView> findAllByIds(@Param("tags") String[] tags);
}
