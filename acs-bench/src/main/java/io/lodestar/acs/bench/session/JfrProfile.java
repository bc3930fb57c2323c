package io.lodestar.acs.bench.session;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Optional profiling of the measured window (flag {@code --jfr FILE}): a JFR recording with the JDK's
 * {@code profile} settings, then the hottest frames of its execution samples, as the top frame of each sample
 * and as the first Lodestar frame of each sample (where Lodestar code spends, itself or in what it calls).
 */
final class JfrProfile {

    private static final int TOP = 20;
    private static final String OURS = "io.lodestar.";

    private final Path file;
    private final Recording recording;

    private JfrProfile(Path file, Recording recording) {
        this.file = file;
        this.recording = recording;
    }

    static JfrProfile start(Path file) {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setToDisk(true);
            r.start();
            return new JfrProfile(file, r);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording with the 'profile' settings: " + e, e);
        }
    }

    /** Stops, writes the recording to its file and prints the top frames. */
    void stopAndReport(PrintStream out) {
        recording.stop();
        try {
            recording.dump(file);
            recording.close();
            Map<String, Integer> top = new HashMap<>();
            Map<String, Integer> ours = new HashMap<>();
            int samples = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                top.merge(name(frames.get(0)), 1, Integer::sum);
                for (RecordedFrame f : frames) {
                    if (f.getMethod().getType().getName().startsWith(OURS)) {
                        ours.merge(name(f), 1, Integer::sum);
                        break;
                    }
                }
            }
            out.println();
            out.println("JFR " + file + ": " + samples + " execution samples");
            print(out, "top frames", top, samples);
            print(out, "first Lodestar frame", ours, samples);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write or read the JFR recording " + file + ": " + e, e);
        }
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(PrintStream out, String title, Map<String, Integer> counts, int samples) {
        out.println();
        out.println("| " + title + " | samples | % |");
        out.println("|---|---:|---:|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.printf("| `%s` | %d | %.1f |%n", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / Math.max(1, samples)));
    }
}
