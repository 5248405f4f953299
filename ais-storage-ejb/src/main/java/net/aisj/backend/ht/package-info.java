/**
 * HTTP(S) origins as a read-only backend ({@code ht://}, as AIS had it before v5.0): a bucket is a base URL (the
 * directory part of its objects' URLs), its name derived from that URL ({@link net.aisj.backend.ht.HttpOrigin}),
 * its objects read with GET (ranges too) and HEAD through the JDK HTTP client.
 */
package net.aisj.backend.ht;
