package net.aisj.xact.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.aisj.cluster.XactJson;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import org.junit.jupiter.api.Test;

class DemandXactionTest {

    @Test
    void aDemandJobIsIdleWhileItsQueueIsEmptyAndCountsFromItsStart() {
        assertThat(XactKind.PUT_COPIES.idles()).isTrue();
        assertThat(XactKind.REBALANCE.idles()).isFalse();
        DemandXaction x = new DemandXaction("j1", XactKind.PUT_COPIES, "n1", 10, 1000, 0);
        x.update(15, 1500, 0);
        XactSnapshot busy = x.snapshot();
        assertThat(busy.running()).isTrue();
        assertThat(busy.idle()).isFalse();
        assertThat(busy.locObjs()).isEqualTo(5);
        assertThat(busy.locBytes()).isEqualTo(500);

        x.idle(true);
        XactSnapshot waiting = x.snapshot();
        assertThat(waiting.running()).isTrue();
        assertThat(waiting.idle()).isTrue();

        x.update(15, 1500, 2);
        assertThat(x.snapshot().err()).contains("2 object(s) failed");
        x.end();
        assertThat(x.snapshot().running()).isFalse();
        assertThat(x.snapshot().idle()).isTrue();
    }

    @Test
    void idleTravelsBetweenNodesAsIsIdle() {
        DemandXaction x = new DemandXaction("j2", XactKind.EC_PUT, "n1", 0, 0, 0);
        x.idle(true);
        List<XactSnapshot> back = XactJson.readSnaps(XactJson.snaps(List.of(x.snapshot())));
        assertThat(back.get(0).idle()).isTrue();
        assertThat(back.get(0).running()).isTrue();
        x.idle(false);
        assertThat(XactJson.readSnaps(XactJson.snaps(List.of(x.snapshot())))
                        .get(0)
                        .idle())
                .isFalse();
    }
}
