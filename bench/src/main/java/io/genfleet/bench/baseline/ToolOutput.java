package io.genfleet.bench.baseline;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the summaries Kafka's performance tools print. */
final class ToolOutput {

    /** ProducerPerformance's final line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ... 50th ...". */
    private static final Pattern PRODUCER = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private ToolOutput() {
    }

    record ProducerSummary(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs,
                           double p99LatencyMs) {
    }

    record ConsumerSummary(long records, double recordsPerSecond, double fetchRecordsPerSecond) {
    }

    static ProducerSummary producer(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = PRODUCER.matcher(lines.get(i));
            if (matcher.find()) {
                return new ProducerSummary(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                        Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                        Double.parseDouble(matcher.group(8)));
            }
        }
        throw new IllegalArgumentException("no ProducerPerformance summary in: " + String.join("\n", lines));
    }

    /**
     * ConsumerPerformance prints a header ("start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec") and
     * one line of values; fetch.nMsg.sec leaves out the group join.
     */
    static ConsumerSummary consumer(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = List.of(lines.get(i).split(",\\s*"));
                String[] values = lines.get(i + 1).split(",\\s*");
                return new ConsumerSummary(
                        Long.parseLong(values[header.indexOf("data.consumed.in.nMsg")].trim()),
                        Double.parseDouble(values[header.indexOf("nMsg.sec")].trim()),
                        Double.parseDouble(values[header.indexOf("fetch.nMsg.sec")].trim()));
            }
        }
        throw new IllegalArgumentException("no ConsumerPerformance summary in: " + String.join("\n", lines));
    }
}
