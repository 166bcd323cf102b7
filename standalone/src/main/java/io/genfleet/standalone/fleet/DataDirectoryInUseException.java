package io.genfleet.standalone.fleet;

import java.nio.file.Path;

/** Another process owns the data directory; nothing was started or written. */
public final class DataDirectoryInUseException extends RuntimeException {

    private final transient Path dataDir;
    private final String holderPid;

    DataDirectoryInUseException(Path dataDir, String holderPid) {
        super("data directory " + dataDir + " is in use by "
                + (holderPid.isEmpty() ? "another process" : "process " + holderPid)
                + "; stop it or pass another --data-dir");
        this.dataDir = dataDir;
        this.holderPid = holderPid;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The holder's PID as it wrote it, empty when unknown. */
    public String holderPid() {
        return holderPid;
    }
}
