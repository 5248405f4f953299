/**
 * The cache tier on each cloud provider against its real test server on loopback (Azurite for {@code azure://}, the
 * firebase-tools storage emulator for {@code gs://}), through one node shared by these tests: the same contract
 * ({@link net.aisj.it.backends.CacheTierContract}) per provider.
 */
package net.aisj.it.backends;
