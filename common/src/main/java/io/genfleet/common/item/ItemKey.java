package io.genfleet.common.item;

import java.util.Optional;

/**
 * The key of one generated item within a batch, as fixed by the contract:
 * {@code scene_{i}} (the image of a scene without shots), {@code scene_{i}_shot_{j}} (the image of
 * a shot) and {@code video_scene_{i}} (the video of a scene). Indices are 0-based, written without
 * leading zeros, so every item has exactly one spelling.
 *
 * @param lane  the lane that generates the item
 * @param scene the scene index
 * @param shot  the shot index, or {@code -1} for the scene image and the video
 */
public record ItemKey(Lane lane, int scene, int shot) implements Comparable<ItemKey> {

    private static final String SCENE_PREFIX = "scene_";
    private static final String SHOT_MARK = "_shot_";
    private static final String VIDEO_PREFIX = "video_scene_";
    private static final int MAX_INDEX_DIGITS = 9;

    public ItemKey {
        if (lane == null) {
            throw new IllegalArgumentException("lane is required");
        }
        if (scene < 0) {
            throw new IllegalArgumentException("scene index must be >= 0, was " + scene);
        }
        if (shot < -1 || (lane == Lane.VIDEO && shot != -1)) {
            throw new IllegalArgumentException("invalid shot index " + shot + " for a " + lane + " item");
        }
    }

    public static ItemKey sceneImage(int scene) {
        return new ItemKey(Lane.IMAGE, scene, -1);
    }

    public static ItemKey shotImage(int scene, int shot) {
        if (shot < 0) {
            throw new IllegalArgumentException("shot index must be >= 0, was " + shot);
        }
        return new ItemKey(Lane.IMAGE, scene, shot);
    }

    public static ItemKey sceneVideo(int scene) {
        return new ItemKey(Lane.VIDEO, scene, -1);
    }

    /**
     * Parses the contract's spelling; anything else is rejected. Written out by hand rather than with regular
     * expressions: every service parses keys several times per event, and this is the hot path of the fleet.
     */
    public static ItemKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("item key is required");
        }
        if (text.startsWith(VIDEO_PREFIX)) {
            int scene = index(text, VIDEO_PREFIX.length(), text.length());
            if (scene >= 0) {
                return sceneVideo(scene);
            }
        } else if (text.startsWith(SCENE_PREFIX)) {
            int shotMark = text.indexOf(SHOT_MARK, SCENE_PREFIX.length());
            int scene = index(text, SCENE_PREFIX.length(), shotMark < 0 ? text.length() : shotMark);
            if (scene >= 0 && shotMark < 0) {
                return sceneImage(scene);
            }
            int shot = scene < 0 ? -1 : index(text, shotMark + SHOT_MARK.length(), text.length());
            if (shot >= 0) {
                return shotImage(scene, shot);
            }
        }
        throw new IllegalArgumentException("invalid item key '" + text
                + "', expected scene_{i}, scene_{i}_shot_{j} or video_scene_{i}");
    }

    /**
     * The index written in {@code text[from, to)}: 1 to 9 digits without a leading zero (so every index has one
     * spelling), or -1 when that is not what is there.
     */
    private static int index(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_INDEX_DIGITS || (length > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The only item that can depend on this one: a scene's video waits for (some of) the scene's images, so an image's
     * possible dependent is its scene's video, and a video has none. This is the dependency index: finding who waits
     * for an item is one key computation, not a scan of the batch.
     */
    public Optional<ItemKey> possibleDependent() {
        return lane == Lane.IMAGE ? Optional.of(sceneVideo(scene)) : Optional.empty();
    }

    public boolean hasShot() {
        return shot >= 0;
    }

    @Override
    public String toString() {
        if (lane == Lane.VIDEO) {
            return "video_scene_" + scene;
        }
        return hasShot() ? "scene_" + scene + "_shot_" + shot : "scene_" + scene;
    }

    /** Storyboard order: by scene, images before the scene's video, shots in order. */
    @Override
    public int compareTo(ItemKey other) {
        int byScene = Integer.compare(scene, other.scene);
        if (byScene != 0) {
            return byScene;
        }
        int byLane = lane.compareTo(other.lane);
        return byLane != 0 ? byLane : Integer.compare(shot, other.shot);
    }
}
