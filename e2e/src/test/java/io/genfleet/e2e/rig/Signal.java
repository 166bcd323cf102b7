package io.genfleet.e2e.rig;

/** The POSIX signals the battery sends to its processes, by name as {@code kill -NAME pid} takes them. */
public enum Signal {
    /** Immediate death: no shutdown hook, no flush, no goodbye to the group coordinator. */
    KILL,
    /** A polite stop: the JVM runs its shutdown hooks (Spring's graceful shutdown). */
    TERM,
    /** Frozen: sockets stay open, nothing answers. */
    STOP,
    /** Thawed after {@link #STOP}. */
    CONT
}
