package io.genfleet.common.item;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final String INDEX = "(0|[1-9][0-9]{0,8})";
    private static final Pattern SCENE = Pattern.compile("scene_" + INDEX);
    private static final Pattern SHOT = Pattern.compile("scene_" + INDEX + "_shot_" + INDEX);
    private static final Pattern VIDEO = Pattern.compile("video_scene_" + INDEX);

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

    /** Parses the contract's spelling; anything else is rejected. */
    public static ItemKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("item key is required");
        }
        Matcher m = SHOT.matcher(text);
        if (m.matches()) {
            return shotImage(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = SCENE.matcher(text);
        if (m.matches()) {
            return sceneImage(Integer.parseInt(m.group(1)));
        }
        m = VIDEO.matcher(text);
        if (m.matches()) {
            return sceneVideo(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("invalid item key '" + text
                + "', expected scene_{i}, scene_{i}_shot_{j} or video_scene_{i}");
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
