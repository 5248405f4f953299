/**
 * Observability of the node: request metrics per API and operation (MicroProfile Metrics, Prometheus text at
 * {@code /metrics}), node gauges (mountpath capacity, jobs, rebalance, membership) and MicroProfile Health checks.
 */
package net.aisj.web.metrics;
