package io.genfleet.standalone.demo;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live progress bar (me.tongfei:progressbar) redrawn in place. */
final class TerminalProgressView implements ProgressView {

    private final ProgressBar bar;

    TerminalProgressView(String title) {
        bar = new ProgressBarBuilder().setTaskName(title).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setInitialMax(1).setUpdateIntervalMillis(200).continuousUpdate().build();
    }

    @Override
    public void update(int terminal, int total, String detail) {
        bar.maxHint(Math.max(total, 1));
        bar.stepTo(terminal);
        bar.setExtraMessage(detail);
    }

    @Override
    public void close() {
        bar.close();
    }
}
