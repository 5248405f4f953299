/** Transport: the JAX-RS application serving the native API at the web app's root. */
package net.aisj.web;
