/**
 * The deployment files ({@code payara/k8s}, {@code payara/image}) checked as data: typed Kubernetes objects whose
 * ports, probes, volumes and discovery settings must agree with how a node is configured.
 */
package net.aisj.it.deploy;
