package org.bipm.kcdb.events;

/** The Kafka topics of the platform. Each has exactly one writing service. */
public enum Topic {
    CMC_SUBMISSIONS("kcdb.cmc.submissions", "submission"),
    CMC_REVIEWS("kcdb.cmc.reviews", "review"),
    COMPARISONS("kcdb.comparisons", "comparison"),
    PUBLICATIONS("kcdb.publications", "publication");

    private final String topicName;
    private final String writer;

    Topic(String topicName, String writer) {
        this.topicName = topicName;
        this.writer = writer;
    }

    public String topicName() {
        return topicName;
    }

    /** The only service that may write to this topic. */
    public String writer() {
        return writer;
    }

    /** Where a consumer group parks messages it could not handle after its retries. */
    public String deadLetterTopic(String consumerGroup) {
        return topicName + "." + consumerGroup + ".dlq";
    }
}
