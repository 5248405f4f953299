package net.aisj.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import org.junit.jupiter.api.Test;

class PlannedTargetsTest {

    /** A job that counts as running until {@link #run()} is called (its work is empty). */
    static final class Job extends Xaction {
        Job(String id) {
            super(id, XactKind.DSORT, "t1", "b");
        }

        @Override
        protected void work() {}
    }

    static ClusterMap map(long v, String... targets) {
        Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        for (String t : targets) {
            nodes.put(t, new NodeInfo(t, true, true, "127.0.0.1", 1, "http://127.0.0.1:1", 0, t));
        }
        return new ClusterMap("u", v, nodes, targets[0], 0);
    }

    @Test
    void aDepartingPlannedTargetAbortsTheJobNamingIt() {
        PlannedTargets p = new PlannedTargets();
        Job planned = new Job("j1");
        Job other = new Job("j2");
        p.watch(planned, Set.of("t1", "t2", "t3"));
        p.watch(other, Set.of("t1", "t2"));

        p.onClusterMap(map(2, "t1", "t2", "t3", "t4"));
        assertThat(planned.isAborted()).as("a joining target aborts nothing").isFalse();

        p.onClusterMap(map(3, "t1", "t2", "t4"));
        assertThat(planned.isAborted()).isTrue();
        assertThat(planned.snapshot().abortErr()).isEqualTo("target(s) [t3] left the cluster during the job");
        assertThat(other.isAborted()).as("a job not planned over t3").isFalse();

        other.run();
        p.onClusterMap(map(4, "t1"));
        assertThat(other.isAborted()).as("a finished job is no longer watched").isFalse();
    }
}
