/**
 * The data-path toolkit every transport shares: the one object-path parser ({@link net.aisj.web.common.ObjectPath}),
 * the one writer of object bodies, 200/206/416 ({@link net.aisj.web.common.ObjectBodies}), byte ranges, strict
 * decoding of raw paths and queries, and writing a JAX-RS response into a servlet response (the direct path).
 */
package net.aisj.web.common;
