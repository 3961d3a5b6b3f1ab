package dev.sluice.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Tags every metric with the connector name, so one Prometheus can scrape many Sluices. */
@Singleton
public class ConnectorTag {

    @Produces
    @Singleton
    MeterFilter connectorTag(@ConfigProperty(name = "sluice.name") Optional<String> name) {
        return MeterFilter.commonTags(Tags.of("connector", name.orElse("unnamed")));
    }
}
