package io.genfleet.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads that the JVM does not list (its JIT compilers, garbage collector and VM
 * threads, and RocksDB's background threads), from Linux's {@code /proc/self/task/<tid>/stat}, grouped by the
 * names those threads carry. Java threads are left to {@link ThreadCpu}. Resolution: 10 ms per thread (USER_HZ).
 */
final class NativeThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L;

    private NativeThreadCpu() {
    }

    /** One thread's group and its CPU time so far. */
    record Sample(String group, long nanos) {
    }

    /** Samples by thread id, for the threads of a known native group. */
    static Map<String, Sample> snapshot() {
        Map<String, Sample> byThread = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return byThread;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> read(task).ifPresent(entry -> byThread.put(task.getFileName().toString(), entry)));
        } catch (IOException | RuntimeException e) {
            // Threads come and go while listed; a thread missing from one snapshot only loses its share.
        }
        return byThread;
    }

    /** CPU nanoseconds per group between two snapshots. */
    static Map<String, Long> since(Map<String, Sample> before, Map<String, Sample> after) {
        Map<String, Long> byGroup = new HashMap<>();
        after.forEach((tid, sample) -> {
            Sample earlier = before.get(tid);
            long delta = sample.nanos() - (earlier == null ? 0 : earlier.nanos());
            if (delta > 0) {
                byGroup.merge(sample.group(), delta, Long::sum);
            }
        });
        return byGroup;
    }

    private static Optional<Sample> read(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String group = group(name);
            if (group == null) {
                return Optional.empty();
            }
            // Fields after the name: state is field 3; utime and stime are fields 14 and 15 of the whole line.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new Sample(group, ticks * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The group of a native thread by its (15-character) name, or null for the JVM's listed Java threads. */
    static String group(String name) {
        if (name.contains("CompilerThre") || name.startsWith("Sweeper")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                || name.startsWith("VM Periodic")) {
            return "gc_and_vm";
        }
        if (name.startsWith("rocksdb:")) {
            // RocksDB is the aggregator's state store; its flushes and compactions are aggregator work.
            return "aggregator";
        }
        return null;
    }
}
