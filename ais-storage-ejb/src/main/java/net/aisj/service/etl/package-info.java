/**
 * ETL without Kubernetes: the cluster-wide control plane ({@link net.aisj.service.etl.EtlService}), the per-node
 * supervision of transformer processes ({@link net.aisj.service.etl.TransformerSupervisor}) and the communicators
 * that hand objects to them as AIS's targets do.
 */
package net.aisj.service.etl;
