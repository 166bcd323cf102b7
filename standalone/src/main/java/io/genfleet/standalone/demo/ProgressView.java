package io.genfleet.standalone.demo;

/** Shows a batch's progress while it runs. */
public interface ProgressView extends AutoCloseable {

    /**
     * @param terminal items that reached complete or failed_permanent
     * @param total    items in the batch
     * @param detail   counts per status, e.g. {@code complete 5 · failed 1 · generating 2}
     */
    void update(int terminal, int total, String detail);

    @Override
    void close();

    /** A live bar on a terminal; plain lines (one per change) when stdout is a pipe or a file. */
    static ProgressView forStdout(String title) {
        return System.console() != null ? new TerminalProgressView(title) : new PlainProgressView(title, System.out);
    }
}
