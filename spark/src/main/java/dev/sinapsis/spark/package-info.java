/**
 * Data-parallel training on Apache Spark: {@link dev.sinapsis.spark.SparkTask} runs the
 * {@link dev.sinapsis.models.Trainer}'s steps on a cluster (synchronous gradient sums with
 * {@code treeAggregate}, or parameter averaging), {@link dev.sinapsis.spark.ExampleBlock} holds
 * the examples partitioned across the executors, and {@link dev.sinapsis.spark.SparkTraining}
 * plugs it into {@code sinapsis train --spark MASTER}.
 */
package dev.sinapsis.spark;
