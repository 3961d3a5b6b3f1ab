package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;

/** An event whose type number the binlog client does not know (and Sluice does not decode). */
record UnknownEventData(int rawType) implements EventData {
}
