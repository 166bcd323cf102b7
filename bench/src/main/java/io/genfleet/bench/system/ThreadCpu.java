package io.genfleet.bench.system;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * CPU time per part of the fleet, from the JVM's per-thread CPU clocks: which component a thread belongs to
 * follows from its name. The JVM's own threads (JIT compilers, GC) and RocksDB's are read from Linux's per-thread
 * clocks ({@link NativeThreadCpu}). Threads that end during the measurement lose their share, so the parts add up
 * to a little less than the process total.
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, String> names;
    private final Map<String, NativeThreadCpu.Sample> nativeThreads;

    private ThreadCpu(Map<Long, Long> cpuByThread, Map<Long, String> names,
                      Map<String, NativeThreadCpu.Sample> nativeThreads) {
        this.cpuByThread = cpuByThread;
        this.names = names;
        this.nativeThreads = nativeThreads;
    }

    public static ThreadCpu snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (THREADS.isThreadCpuTimeSupported()) {
            for (long id : THREADS.getAllThreadIds()) {
                long nanos = THREADS.getThreadCpuTime(id);
                var info = THREADS.getThreadInfo(id);
                if (nanos >= 0 && info != null) {
                    cpu.put(id, nanos);
                    names.put(id, info.getThreadName());
                }
            }
        }
        return new ThreadCpu(cpu, names, NativeThreadCpu.snapshot());
    }

    /** CPU nanoseconds per component since {@code before}, largest first. */
    public Map<String, Long> since(ThreadCpu before) {
        Map<String, Long> byComponent = new TreeMap<>();
        cpuByThread.forEach((id, nanos) -> {
            long delta = cpuSince(before, id);
            if (delta > 0) {
                byComponent.merge(component(names.get(id)), delta, Long::sum);
            }
        });
        NativeThreadCpu.since(before.nativeThreads, nativeThreads)
                .forEach((group, nanos) -> byComponent.merge(group, nanos, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byComponent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /**
     * CPU nanoseconds since {@code before} of the JVM threads whose name matches, for work that names its own
     * threads (an engine under test) rather than belonging to one of the fleet's parts.
     */
    public long nanosSince(ThreadCpu before, Predicate<String> threadName) {
        long total = 0;
        for (long id : cpuByThread.keySet()) {
            if (threadName.test(names.get(id))) {
                total += Math.max(0, cpuSince(before, id));
            }
        }
        return total;
    }

    /** One thread's CPU nanoseconds since {@code before} (a thread new since then counts from zero). */
    private long cpuSince(ThreadCpu before, long threadId) {
        return cpuByThread.get(threadId) - before.cpuByThread.getOrDefault(threadId, 0L);
    }

    /** The part of the fleet a thread works for, by the names Kafka, Spring and genfleet give their threads. */
    static String component(String thread) {
        if (thread.contains("StreamThread") || thread.startsWith("aggregator-")) {
            return "aggregator";
        }
        if (thread.contains("genfleet-producer")) {
            return "producer";
        }
        // The worker's producer has Kafka's default client id (producer-N); the others name theirs.
        if (thread.startsWith("worker-") || thread.startsWith("org.springframework.kafka.KafkaListenerEndpointContainer")
                || thread.contains("| producer-")) {
            return "worker";
        }
        if (thread.startsWith("http-nio") || thread.startsWith("HttpClient") || thread.startsWith("bench-")) {
            return "http_and_bench";
        }
        if (thread.startsWith("data-plane") || thread.startsWith("kafka-") || thread.startsWith("quorum")
                || thread.startsWith("broker-") || thread.startsWith("controller") || thread.startsWith("group-coordinator")
                || thread.startsWith("share-coordinator") || thread.startsWith("ExpirationReaper")
                || thread.startsWith("TxnMarkerSender") || thread.startsWith("AddPartitionsToTxn")
                || thread.startsWith("executor-") || thread.startsWith("transaction-") || thread.startsWith("LogDirFailureHandler")
                || thread.startsWith("raft-") || thread.startsWith("log-")) {
            return "broker";
        }
        return "other";
    }
}
