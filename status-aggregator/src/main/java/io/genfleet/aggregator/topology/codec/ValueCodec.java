package io.genfleet.aggregator.topology.codec;

/** How one store value type is written in, and read from, the compact format. */
interface ValueCodec<T> {

    void write(T value, CompactWriter out);

    T read(CompactReader in);
}
