package dev.sluice.source;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A small Agroal pool of connections to the source for Sluice's periodic work (heartbeat-table
 * writes, binlog distance polls), with the same address, user and TLS as every other connection.
 */
public final class SourcePool implements AutoCloseable {

    private final AgroalDataSource dataSource;

    SourcePool(String url, Properties properties, String user, String password) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> {
                    pool.minSize(0).maxSize(2).initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(15))
                            .maxLifetime(Duration.ofMinutes(30))
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(url).principal(new NamePrincipal(user))
                                        .credential(new SimplePassword(password)).autoCommit(true);
                                properties.stringPropertyNames().stream()
                                        .filter(name -> !name.equals("user") && !name.equals("password"))
                                        .forEach(name -> factory.jdbcProperty(name, properties.getProperty(name)));
                                return factory;
                            });
                    return pool;
                });
        this.dataSource = AgroalDataSource.from(config);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
