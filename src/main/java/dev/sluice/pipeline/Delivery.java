package dev.sluice.pipeline;

import dev.sluice.offset.OffsetCommitter;

/** Something that sends records and knows how far Kafka has acknowledged them (a snapshot or a stream). */
interface Delivery extends OffsetCommitter.Source {

    /** Closes the producer; nothing is sent or committed through it afterwards. */
    void close();
}
