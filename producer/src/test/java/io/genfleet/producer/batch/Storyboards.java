package io.genfleet.producer.batch;

import io.genfleet.producer.batch.SubmitBatchRequest.Scene;
import io.genfleet.producer.batch.SubmitBatchRequest.Shot;
import io.genfleet.producer.batch.SubmitBatchRequest.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Storyboards for tests: N scenes of M shots each, with or without a video per scene. */
public final class Storyboards {

    private Storyboards() {
    }

    public static SubmitBatchRequest of(String batchId, int scenes, int shots, boolean video) {
        List<Scene> list = new ArrayList<>();
        for (int i = 0; i < scenes; i++) {
            int scene = i;
            List<Shot> shotList = shots == 0 ? null
                    : IntStream.range(0, shots).mapToObj(j -> new Shot("scene " + scene + " shot " + j, null)).toList();
            list.add(new Scene("scene " + i, shotList, video ? new Video(null, null) : null, null));
        }
        return new SubmitBatchRequest(batchId, list);
    }

    /** The same storyboard as JSON, as a client would send it. */
    public static String json(String batchId, int scenes, int shots, boolean video) {
        StringBuilder json = new StringBuilder("{");
        if (batchId != null) {
            json.append("\"batchId\":\"").append(batchId).append("\",");
        }
        json.append("\"scenes\":[");
        for (int i = 0; i < scenes; i++) {
            json.append(i == 0 ? "" : ",").append("{\"prompt\":\"scene ").append(i).append('"');
            if (shots > 0) {
                json.append(",\"shots\":[");
                for (int j = 0; j < shots; j++) {
                    json.append(j == 0 ? "" : ",").append("{\"prompt\":\"scene ").append(i).append(" shot ").append(j)
                            .append("\"}");
                }
                json.append(']');
            }
            if (video) {
                json.append(",\"video\":{}");
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }
}
