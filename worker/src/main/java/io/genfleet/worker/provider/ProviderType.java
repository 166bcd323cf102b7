package io.genfleet.worker.provider;

/** The kinds of provider a lane can call ({@code genfleet.providers.<lane>.type}). */
public enum ProviderType {
    /** The contract's simulated provider (the default). */
    SIMULATED,
    /** An OpenAI-compatible images API: {@code POST {base-url}/v1/images/generations}. */
    OPENAI_IMAGES,
    /** A job API: submit, poll a status URL until the job ends, fetch the output URL. */
    HTTP_JOB;

    /** As written in the settings and in metric tags: {@code openai-images}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
