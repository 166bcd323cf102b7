package io.genfleet.standalone.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a data directory belong to one process: an exclusive OS lock on {@code <data-dir>/genfleet.lock}, taken
 * before the broker or Kafka Streams touch a file there. Kafka's own lock comes too late: by the time a second
 * broker finds its log directory locked, its controller has already written to the shared metadata log, which
 * has corrupted the running one. The holder writes its PID into the file so that a refused start can name it.
 * The OS releases the lock when the process dies, however it dies (kill -9 included): no stale lock to clean up.
 */
public final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "genfleet.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting (creating the directory when missing).
     *
     * @throws DataDirectoryInUseException when another process (or this one) holds it
     */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirectoryLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock data directory " + dataDir + " (" + e.getMessage() + ")", e);
        }
    }

    /** Null when held elsewhere; the JVM refuses a second lock of its own as an exception, treated the same. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The PID the holder wrote; empty while it has not written it yet (it locks first, then writes). */
    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the lock. The file stays: deleting it could race with a process that just opened it. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
