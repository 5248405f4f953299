/**
 * Faults under load, accounted like a consistency checker: a workload records a history of every PUT, GET and
 * DELETE while a fault is injected into a launched cluster (kill -9, SIGSTOP, a network partition between network
 * namespaces, a failing mountpath, clock skew); {@link net.aisj.it.faults.Checker} then proves that no acknowledged
 * write was lost, no read returned bytes nobody wrote and no read was stale.
 */
package net.aisj.it.faults;
