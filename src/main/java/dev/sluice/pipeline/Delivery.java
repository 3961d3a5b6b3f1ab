package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;
import dev.sluice.sink.KafkaSink;

/** Something that sends records and knows how far Kafka has acknowledged them (a snapshot or a stream). */
interface Delivery {

    SourceOffset acknowledged();

    KafkaSink sink();

    /** Closes the producer; nothing is sent or committed through it afterwards. */
    void close();
}
