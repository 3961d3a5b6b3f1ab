package dev.sluice.sink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the topics Sluice writes to, once each, with the partitions and replication asked for. */
public final class TopicAdmin implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** The largest record the producer may send: the topics Sluice creates must take it. */
    private final Object maxRequestSize;

    public TopicAdmin(KafkaClients clients) {
        this.admin = Admin.create(clients.admin());
        this.bootstrapServers = clients.bootstrapServers();
        this.maxRequestSize = clients.producer().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    /**
     * Forgets which topics exist, so the next {@link #ensureTopic} of each looks again: a new
     * session recreates a topic deleted while the last one ran.
     */
    public void forgetKnownTopics() {
        known.clear();
    }

    /** Fails with an operator-readable message when the cluster does not answer within the timeout. */
    public void checkReachable(Duration timeout) {
        try {
            // The call times out by itself, so that nothing is left pending when it fails: close()
            // waited up to 10 s more for a call still running, and 'sluice check' with Kafka down
            // took 28 s instead of 18. The wait is longer so that the call's own timeout comes first.
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 5_000L, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(timeout, e.getCause());
            }
            throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while connecting to Kafka", e);
        }
    }

    private KafkaUnavailableException unreachable(Duration timeout, Throwable cause) {
        return new KafkaUnavailableException("cannot reach Kafka at " + bootstrapServers + " within "
                + timeout.toSeconds() + "s; check KAFKA_BOOTSTRAP_SERVERS and that the brokers run", cause);
    }

    public void ensureTopic(String name, int partitions, OptionalInt replicationFactor, Map<String, String> configs) {
        if (known.contains(name)) {
            return;
        }
        try {
            if (!exists(name)) {
                Optional<Short> rf = replicationFactor.isPresent()
                        ? Optional.of((short) replicationFactor.getAsInt()) : Optional.empty();
                Map<String, String> all = new java.util.HashMap<>(configs);
                if (maxRequestSize != null) {
                    all.putIfAbsent("max.message.bytes", String.valueOf(maxRequestSize));
                }
                NewTopic topic = new NewTopic(name, Optional.of(partitions), rf).configs(all);
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            known.add(name);
        } catch (ExecutionException e) {
            KafkaRefusedException refused = KafkaFailures.refusal("creating topic " + name, name, e.getCause());
            if (refused != null) {
                throw refused;
            }
            if (e.getCause() instanceof InvalidReplicationFactorException
                    || e.getCause() instanceof InvalidConfigurationException
                    || e.getCause() instanceof PolicyViolationException) {
                throw new KafkaRefusedException("Kafka refused to create topic " + name + ": "
                        + e.getCause().getMessage() + ". Check SLUICE_TOPICS_REPLICATION_FACTOR and the KAFKA_*"
                        + " settings, or create the topic beforehand", e.getCause());
            }
            throw new KafkaUnavailableException("cannot create topic " + name + ": "
                    + KafkaFailures.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not create topic " + name + " within 60s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while creating topic " + name, e);
        }
    }

    /**
     * The number of partitions of an existing topic. A topic created a moment ago can still be
     * unknown to the broker that answers (its metadata arrives a little later), so that answer is
     * retried for a while.
     */
    public int partitions(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (true) {
                try {
                    return admin.describeTopics(List.of(name)).allTopicNames().get(60, TimeUnit.SECONDS).get(name)
                            .partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("cannot describe topic " + name + ": "
                    + KafkaFailures.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not describe topic " + name + " within 60s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while describing topic " + name, e);
        }
    }

    /**
     * The topic's effective settings (broker defaults included), or empty when Kafka refuses to
     * tell (no DescribeConfigs permission): callers then trust the topic. A topic created a moment
     * ago can still be unknown to the broker that answers, so that answer is retried for a while.
     */
    public Optional<Map<String, String>> configs(String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (true) {
                try {
                    Config config = admin.describeConfigs(List.of(resource)).all().get(60, TimeUnit.SECONDS)
                            .get(resource);
                    Map<String, String> values = new java.util.HashMap<>();
                    config.entries().forEach(entry -> values.put(entry.name(), entry.value()));
                    return Optional.of(values);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return Optional.empty();
            }
            throw new KafkaUnavailableException("cannot read the settings of topic " + name + ": "
                    + KafkaFailures.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not describe topic " + name + " within 60s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while describing topic " + name, e);
        }
    }

    private boolean exists(String name) throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.describeTopics(List.of(name)).allTopicNames().get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
