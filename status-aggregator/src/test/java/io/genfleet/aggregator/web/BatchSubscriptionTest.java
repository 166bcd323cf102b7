package io.genfleet.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.aggregator.query.StatusUnavailableException;
import io.genfleet.aggregator.topology.Summaries;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class BatchSubscriptionTest {

    private static final ItemId A = ItemId.of("b-1", "scene_0");
    private static final ItemId B = ItemId.of("b-1", "scene_1");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final StatusQueryService query = mock(StatusQueryService.class);
    private final SseEmitter emitter = mock(SseEmitter.class);
    private final BatchSubscription subscription = new BatchSubscription("b-1", emitter, query);

    @Test
    void sendsEverythingFirstThenOnlyWhatChanged() throws IOException {
        ItemState a = ItemState.first(StatusEvent.pending(A, 0, T0), 50);
        ItemState b = ItemState.first(StatusEvent.pending(B, 0, T0), 50);
        given(query.items("b-1")).willReturn(List.of(a, b));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", a, b)));
        subscription.poll();
        verify(emitter, times(3)).send(any(SseEmitter.SseEventBuilder.class));

        subscription.poll(); // nothing changed: nothing sent
        verify(emitter, times(3)).send(any(SseEmitter.SseEventBuilder.class));

        ItemState aGenerating = a.merge(StatusEvent.generating(A, 0, 1, T0.plusSeconds(1)), 50);
        given(query.items("b-1")).willReturn(List.of(aGenerating, b));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", aGenerating, b)));
        subscription.poll(); // one item event and one summary event
        verify(emitter, times(5)).send(any(SseEmitter.SseEventBuilder.class));
        // Items are scanned on the first poll and whenever the summary moved, not on quiet polls.
        verify(query, times(2)).items("b-1");
    }

    @Test
    void sendsTheSummaryOfAnUnchangedBatchOnlyOnce() throws IOException {
        ItemState a = ItemState.first(StatusEvent.generating(A, 0, 1, T0), 50);
        given(query.items("b-1")).willReturn(List.of(a));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", a)));

        for (int i = 0; i < 5; i++) {
            subscription.poll();
        }

        verify(emitter, times(2)).send(any(SseEmitter.SseEventBuilder.class));
        verify(query, times(5)).summary("b-1");
        verify(query, times(1)).items("b-1");
    }

    @Test
    void endsTheStreamWithAnEndEventOnceTheBatchIsDoneAndSendsNothingAfter() throws IOException {
        ScheduledFuture<?> schedule = mock(ScheduledFuture.class);
        subscription.scheduledAs(schedule);
        ItemState a = ItemState.first(StatusEvent.generating(A, 0, 1, T0), 50);
        given(query.items("b-1")).willReturn(List.of(a));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", a)));
        subscription.poll(); // item and summary, still open
        verify(emitter, times(2)).send(any(SseEmitter.SseEventBuilder.class));
        verify(emitter, never()).complete();

        ItemState aComplete = a.merge(StatusEvent.complete(A, 0, 1, T0.plusSeconds(1), "sim://a.png"), 50);
        given(query.items("b-1")).willReturn(List.of(aComplete));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", aComplete)));
        subscription.poll(); // item, summary (done) and the end event; then the server completes the stream

        ArgumentCaptor<SseEmitter.SseEventBuilder> events = ArgumentCaptor.forClass(SseEmitter.SseEventBuilder.class);
        verify(emitter, times(5)).send(events.capture());
        assertThat(eventText(events.getAllValues().get(4))).startsWith("event:end\n")
                .contains("\"batchId\":\"b-1\"").contains("\"done\":true");
        verify(emitter).complete();
        verify(schedule).cancel(false);

        subscription.poll(); // after the end: no heartbeat, no lookup
        verify(emitter, times(5)).send(any(SseEmitter.SseEventBuilder.class));
        verify(query, times(2)).summary("b-1");
    }

    /** An event as it goes over the wire, its JSON data as Jackson writes it. */
    private static String eventText(SseEmitter.SseEventBuilder event) {
        StringBuilder text = new StringBuilder();
        for (var part : event.build()) {
            text.append(part.getData() instanceof String string ? string
                    : io.genfleet.common.json.Json.writeString(part.getData()));
        }
        return text.toString();
    }

    @Test
    void skipsAPollWhileTheStoresAreUnavailable() throws IOException {
        given(query.summary("b-1")).willThrow(new StatusUnavailableException("REBALANCING", null));

        subscription.poll();

        verifyNoInteractions(emitter);
    }

    @Test
    void stopsPollingWhenTheClientHasGone() throws IOException {
        ScheduledFuture<?> schedule = mock(ScheduledFuture.class);
        subscription.scheduledAs(schedule);
        ItemState a = ItemState.first(StatusEvent.pending(A, 0, T0), 50);
        given(query.items("b-1")).willReturn(List.of(a));
        given(query.summary("b-1")).willReturn(Optional.of(Summaries.of("b-1", a)));
        willThrow(new IOException("broken pipe")).given(emitter).send(any(SseEmitter.SseEventBuilder.class));

        subscription.poll();
        subscription.poll();

        verify(schedule).cancel(false);
        verify(emitter, times(1)).send(any(SseEmitter.SseEventBuilder.class));
    }
}
