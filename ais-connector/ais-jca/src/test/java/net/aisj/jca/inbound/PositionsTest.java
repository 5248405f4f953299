package net.aisj.jca.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsTest {

    @TempDir
    Path dir;

    @Test
    void savedPositionsAreWhatTheNextLoadSees() {
        Positions p = Positions.load(dir, "app#mdb/Bean");
        assertThat(p.get("t1")).isEqualTo(new Positions.Position("", 0));
        p.set("t1", new Positions.Position("e1", 42));
        p.set("t2", new Positions.Position("e2", 7));
        p.save();
        Positions again = Positions.load(dir, "app#mdb/Bean");
        assertThat(again.get("t1")).isEqualTo(new Positions.Position("e1", 42));
        assertThat(again.get("t2")).isEqualTo(new Positions.Position("e2", 7));
        assertThat(again.file().getFileName().toString()).isEqualTo("app_mdb_Bean.positions");
        assertThat(Files.exists(again.file().resolveSibling("app_mdb_Bean.positions.tmp")))
                .isFalse();
    }

    @Test
    void consumerNamesCannotEscapeTheDirectory() {
        assertThat(Positions.safe("../x")).isEqualTo("_.._x");
        assertThat(Positions.safe("")).isEqualTo("_");
    }
}
