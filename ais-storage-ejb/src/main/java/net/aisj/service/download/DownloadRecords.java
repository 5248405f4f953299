package net.aisj.service.download;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.aisj.cluster.DownloadJson;
import net.aisj.core.download.DownloadStatus;

/**
 * The form in which a target keeps its download jobs across restarts (a meta document on its mountpaths): the save
 * time on the first line, then one AIS status document per job, with the objects it finished and its errors. A job
 * that was still running when the document was saved is read back ended and aborted, with an error saying the node
 * restarted: the objects it stored stay, the rest is not fetched again. Stateless.
 */
final class DownloadRecords {

    /** The meta document's name. */
    static final String DOC = "downloads";

    private DownloadRecords() {}

    static String text(long savedMillis, Collection<DownloadStatus> jobs) {
        StringBuilder b = new StringBuilder().append(savedMillis).append('\n');
        for (DownloadStatus s : jobs) {
            b.append(DownloadJson.writeStatus(s)).append('\n');
        }
        return b.toString();
    }

    /** When the document was saved (unix ms); -1 when it is not one of ours. */
    static long savedMillis(String text) {
        int nl = text.indexOf('\n');
        try {
            return Long.parseLong(nl < 0 ? text.trim() : text.substring(0, nl).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The jobs of a document; those not ended in it end at its save time, aborted, with {@code why}. */
    static List<DownloadStatus> read(String text, String why) {
        long saved = savedMillis(text);
        List<DownloadStatus> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            DownloadStatus s = DownloadJson.readStatus(lines[i]);
            DownloadStatus.Job j = s.job();
            if (!j.isFinished()) {
                List<DownloadStatus.TaskError> errs = new ArrayList<>(s.errors());
                errs.add(new DownloadStatus.TaskError("", why));
                j = new DownloadStatus.Job(
                        j.id(),
                        j.description(),
                        j.startedMillis(),
                        Math.max(saved, j.startedMillis() + 1),
                        j.finishedCnt(),
                        j.scheduledCnt(),
                        j.skippedCnt(),
                        j.errorCnt() + 1,
                        j.total(),
                        j.allDispatched(),
                        true);
                s = new DownloadStatus(j, List.of(), s.finished(), errs);
            }
            out.add(s);
        }
        return out;
    }
}
