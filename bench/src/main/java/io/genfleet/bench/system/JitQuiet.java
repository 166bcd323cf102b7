package io.genfleet.bench.system;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT compilers to finish what a warm-up gave them. They compile in the background, so the methods a
 * warm-up made hot are still being compiled seconds later; a measurement that starts at once pays for that.
 */
public final class JitQuiet {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    /** Compiling less than this per window (5 % of one core) counts as quiet. */
    private static final long QUIET_MILLIS_PER_WINDOW = 50;

    private JitQuiet() {
    }

    /** Blocks until a window passes with almost no compiling, or {@code limit} runs out; returns the time waited. */
    public static Duration await(Duration limit) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return Duration.ZERO;
        }
        long deadline = started + limit.toNanos();
        long before = compiler.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(WINDOW.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = compiler.getTotalCompilationTime();
            if (now - before < QUIET_MILLIS_PER_WINDOW) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
