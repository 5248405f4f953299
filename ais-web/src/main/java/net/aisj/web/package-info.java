/**
 * Transport: the JAX-RS application serving the native and S3 APIs at the web app's root, and the servlet filter
 * that serves the object data path in front of it.
 */
package net.aisj.web;
