package io.genfleet.bench.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time and peak resident memory of this process (Linux {@code /proc}). With the embedded broker, the
 * broker is part of this process, so its work is in these figures too.
 */
public final class ProcessResources {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    /** USER_HZ: the unit of /proc/self/stat's times on every Linux this runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcessResources() {
    }

    /** CPU time (user + system, all threads) this JVM has used. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of child processes that have ended and been waited for (cutime + cstime). */
    public static OptionalLong finishedChildrenCpuNanos() {
        try {
            return parseChildrenCpuNanos(Files.readString(STAT));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Resets the peak RSS to the current RSS (Linux 4.0+: {@code echo 5 > /proc/self/clear_refs}), so the next
     * {@link #peakRssBytes()} is the peak of what follows. False when the kernel does not allow it; the peak is
     * then the peak since the JVM started.
     */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The machine's 1-minute load average ({@code /proc/loadavg}): runnable threads of every process, so a value
     * well above the core count means this run shared the CPUs with other work.
     */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@code VmHWM}: the peak resident set size. */
    public static OptionalLong peakRssBytes() {
        try {
            return parseKilobytes(Files.readAllLines(STATUS), "VmHWM:");
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseKilobytes(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** Fields 16 and 17 of /proc/self/stat, counted after the parenthesised command name (which may hold spaces). */
    static OptionalLong parseChildrenCpuNanos(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): field n is fields[n - 3].
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return OptionalLong.of(ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }
}
