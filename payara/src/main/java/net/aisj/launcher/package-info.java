/**
 * The uber-jar's entry point ({@link net.aisj.launcher.NodeLauncher}): decides which listener takes the node's public
 * port before Payara Micro starts.
 */
package net.aisj.launcher;
