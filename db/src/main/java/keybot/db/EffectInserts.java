package keybot.db;

import java.util.List;
import keybot.approvals.Effect;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Writing the effects a change owes, inside the change's transaction; their ids keep the order they are given. */
interface EffectInserts {

    @SqlBatch("INSERT INTO effect (request_id, kind, about) VALUES (:requestId, :kind, :about)")
    void insertEffects(long requestId, List<String> kind, List<String> about);

    default void owe(long requestId, List<Effect> effects) {
        if (!effects.isEmpty()) {
            insertEffects(
                    requestId,
                    effects.stream().map(e -> e.kind().name()).toList(),
                    effects.stream().map(Effect::about).toList());
        }
    }
}
