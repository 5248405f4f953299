package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import net.aisj.connector.api.EventJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalFileTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(EventJournal.Page p) {
        return p.entries().stream()
                .map(e -> e.seq() + ":" + new String(e.data(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void positionsAreConsecutiveAndSurviveAReopen() throws Exception {
        String epoch;
        try (EventJournalFile j = EventJournalFile.open(dir, 1 << 20, 4)) {
            epoch = j.epoch();
            assertThat(j.read(0, 10).last()).isZero();
            for (int i = 1; i <= 5; i++) {
                assertThat(j.append(b("e" + i))).isEqualTo(i);
            }
            assertThat(texts(j.read(2, 2))).containsExactly("3:e3", "4:e4");
            assertThat(texts(j.read(4, 10))).containsExactly("5:e5");
        }
        try (EventJournalFile j = EventJournalFile.open(dir, 1 << 20, 4)) {
            assertThat(j.epoch()).isEqualTo(epoch);
            EventJournal.Page p = j.read(0, 100);
            assertThat(p.first()).isEqualTo(1);
            assertThat(p.last()).isEqualTo(5);
            assertThat(p.entries()).hasSize(5);
            assertThat(j.append(b("e6"))).isEqualTo(6);
        }
    }

    @Test
    void aTornLastRecordIsCutAndItsPositionReused() throws Exception {
        try (EventJournalFile j = EventJournalFile.open(dir, 1 << 20, 4)) {
            j.append(b("whole"));
            j.append(b("torn"));
        }
        Path seg;
        try (var s = Files.list(dir)) {
            seg = s.filter(p -> p.getFileName().toString().startsWith("seg-"))
                    .findFirst()
                    .orElseThrow();
        }
        long size = Files.size(seg);
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // a crash in the middle of the second append
        }
        try (EventJournalFile j = EventJournalFile.open(dir, 1 << 20, 4)) {
            assertThat(texts(j.read(0, 10))).containsExactly("1:whole");
            assertThat(j.append(b("again"))).isEqualTo(2);
            assertThat(texts(j.read(0, 10))).containsExactly("1:whole", "2:again");
        }
    }

    @Test
    void retentionDropsTheOldestSegmentsAndSaysWhereTheJournalStarts() throws Exception {
        try (EventJournalFile j = EventJournalFile.open(dir, 100, 2)) {
            for (int i = 1; i <= 30; i++) {
                j.append(b("event-number-" + i)); // 33-35 bytes a record: 3 records a segment
            }
            EventJournal.Page p = j.read(0, 100);
            assertThat(p.first()).isGreaterThan(1);
            assertThat(p.last()).isEqualTo(30);
            assertThat(p.entries().get(0).seq()).isEqualTo(p.first());
            assertThat(p.entries()).hasSize((int) (30 - p.first() + 1));
        }
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("seg-")))
                    .hasSize(2);
        }
    }

    @Test
    void aNewDirectoryIsANewEpoch(@TempDir Path other) throws Exception {
        try (EventJournalFile a = EventJournalFile.open(dir, 1 << 20, 4);
                EventJournalFile b = EventJournalFile.open(other, 1 << 20, 4)) {
            assertThat(a.epoch()).isNotEqualTo(b.epoch()).hasSize(b.epoch().length());
        }
    }
}
