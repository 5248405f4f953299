package net.aisj.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.aisj.backend.Backend;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;
import org.junit.jupiter.api.Test;

class FoldedListingTest {

    /** A sorted name list that pages as backends do (the token is the last name listed), counting its calls. */
    private static final class Names implements Backend {
        final TreeSet<String> names = new TreeSet<>();
        int calls;

        @Override
        public RemotePage list(String bucket, String prefix, String token, int pageSize) {
            calls++;
            List<RemoteObject> out = new ArrayList<>();
            for (String n : token.isEmpty() ? names : names.tailSet(token, false)) {
                if (!n.startsWith(prefix)) {
                    continue;
                }
                if (out.size() == pageSize) {
                    return new RemotePage(out, out.get(out.size() - 1).name());
                }
                out.add(new RemoteObject(n, 1, "e", "", 0, Map.of()));
            }
            return new RemotePage(out, "");
        }

        @Override
        public String provider() {
            return "test";
        }

        @Override
        public String describe() {
            return "test";
        }

        @Override
        public void headBucket(String bucket) {}

        @Override
        public RemoteObject headObject(String bucket, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RemoteRead get(String bucket, String name, long offset, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String bucket, String name) {}

        @Override
        public List<String> listBuckets() {
            return List.of();
        }
    }

    private static List<String> all(Names b, String prefix, int pageSize) {
        List<String> out = new ArrayList<>();
        String token = "";
        do {
            FoldedListing.Folded f = FoldedListing.fold(b, "b", prefix, token, pageSize);
            List<String> page = new ArrayList<>(f.dirs());
            f.objects().forEach(o -> page.add(o.name()));
            page.sort(String::compareTo);
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            out.addAll(page);
            token = f.nextToken();
        } while (!token.isEmpty());
        return out;
    }

    @Test
    void foldsEachDirectoryOnceInAnyPageSizeAndSkipsItsContentWithOneCall() {
        Names b = new Names();
        for (int i = 0; i < 500; i++) {
            b.names.add("big/" + i);
        }
        b.names.addAll(List.of("a", "a-b", "big.txt", "c/d/e", "c/f", "z"));
        for (int size : List.of(1, 2, 3, 1000)) {
            assertThat(all(b, "", size))
                    .as("page size " + size)
                    .containsExactly("a", "a-b", "big.txt", "big/", "c/", "z");
        }
        assertThat(all(b, "c/", 1)).containsExactly("c/d/", "c/f");
        b.calls = 0;
        FoldedListing.Folded f = FoldedListing.fold(b, "b", "", "", 4);
        assertThat(f.dirs()).containsExactly("big/");
        assertThat(f.nextToken()).isEqualTo("big/");
        assertThat(b.calls)
                .as("the 500 names under big/ are skipped, not paged through")
                .isLessThanOrEqualTo(3);
    }
}
