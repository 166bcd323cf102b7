package io.genfleet.standalone.demo;

import java.io.PrintStream;

/** Progress as plain lines, printed only when something changed: readable in CI logs and pipes. */
final class PlainProgressView implements ProgressView {

    private final String title;
    private final PrintStream out;
    private String lastLine = "";

    PlainProgressView(String title, PrintStream out) {
        this.title = title;
        this.out = out;
    }

    @Override
    public void update(int terminal, int total, String detail) {
        String line = title + ": " + terminal + "/" + total + " terminal · " + detail;
        if (!line.equals(lastLine)) {
            out.println(line);
            lastLine = line;
        }
    }

    @Override
    public void close() {
        out.flush();
    }
}
