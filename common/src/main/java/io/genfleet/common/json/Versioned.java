package io.genfleet.common.json;

/** A message that says which schema it was written with, so readers can refuse what they do not know. */
public interface Versioned {

    int schemaVersion();
}
